// Optimiser updates, one fused call per parameter, written op for op as torch.optim's single-tensor code paths
// (PyTorch 1.13: _single_tensor_sgd and _single_tensor_adam) so that the results are identical.
#include "rs_tensor.h"

// torch.optim.SGD for one parameter. *buffer is the momentum buffer: when it is null on entry and momentum is
// nonzero, a new buffer is created (a clone of the first step's direction) and returned there, owned by C#.
RS_EXPORT int rs_optim_sgd_step_(at::Tensor* param, at::Tensor** buffer, double lr, double momentum,
                                 double dampening, double weight_decay, int nesterov, int maximize) {
    return rs::guard_status([&] {
        at::NoGradGuard no_grad;
        auto& p = rs::deref(param, "param");
        TORCH_CHECK(buffer != nullptr, "buffer is null");
        TORCH_CHECK(p.grad().defined(), "the parameter has no gradient");
        at::Tensor d_p = maximize != 0 ? -p.grad() : p.grad();
        if (weight_decay != 0) {
            d_p = d_p.add(p, weight_decay);
        }
        if (momentum != 0) {
            if (*buffer == nullptr) {
                *buffer = new at::Tensor(d_p.clone().detach());
            } else {
                (*buffer)->mul_(momentum).add_(d_p, 1 - dampening);
            }
            if (nesterov != 0) {
                d_p = d_p.add(**buffer, momentum);
            } else {
                d_p = **buffer;
            }
        }
        p.add_(d_p, -lr);
    });
}

// torch.optim.Adam (amsgrad false) for one parameter; step is the float32 scalar step count, incremented here.
// With decoupled != 0 it is torch.optim.AdamW instead (Loshchilov and Hutter 2019, arXiv:1711.05101): the weight
// decay shrinks the parameter by lr * weight_decay before the update rather than being added to the gradient.
RS_EXPORT int rs_optim_adam_step_(at::Tensor* param, at::Tensor* step, at::Tensor* exp_avg, at::Tensor* exp_avg_sq,
                                  double lr, double beta1, double beta2, double eps, double weight_decay,
                                  int decoupled, int maximize) {
    return rs::guard_status([&] {
        at::NoGradGuard no_grad;
        auto& p = rs::deref(param, "param");
        auto& step_t = rs::deref(step, "step");
        auto& m = rs::deref(exp_avg, "exp_avg");
        auto& v = rs::deref(exp_avg_sq, "exp_avg_sq");
        TORCH_CHECK(p.grad().defined(), "the parameter has no gradient");
        at::Tensor grad = maximize != 0 ? -p.grad() : p.grad();
        step_t.add_(1);
        if (weight_decay != 0 && decoupled != 0) {
            p.mul_(1 - lr * weight_decay);
        } else if (weight_decay != 0) {
            grad = grad.add(p, weight_decay);
        }
        m.mul_(beta1).add_(grad, 1 - beta1);
        v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        double count = step_t.item<double>();
        double bias_correction1 = 1 - std::pow(beta1, count);
        double bias_correction2 = 1 - std::pow(beta2, count);
        double step_size = lr / bias_correction1;
        double bias_correction2_sqrt = std::sqrt(bias_correction2);
        auto denom = (v.sqrt() / bias_correction2_sqrt).add_(eps);
        p.addcdiv_(m, denom, -step_size);
    });
}
