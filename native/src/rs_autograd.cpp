// Autograd: gradient flags, backward passes, reading and resetting gradients, the per-thread grad mode.
#include "rs_tensor.h"

RS_EXPORT int rs_autograd_set_requires_grad_(at::Tensor* tensor, int requires_grad) {
    return rs::guard_status([&] { rs::deref(tensor, "tensor").requires_grad_(requires_grad != 0); });
}

RS_EXPORT int rs_autograd_requires_grad(at::Tensor* tensor) {
    return rs::guard(-1, [&] { return rs::deref(tensor, "tensor").requires_grad() ? 1 : 0; });
}

// Accumulates d(tensor)/d(leaf) into every leaf's grad; gradient may be null for a one-element tensor.
RS_EXPORT int rs_autograd_backward(at::Tensor* tensor, at::Tensor* gradient, int retain_graph) {
    return rs::guard_status([&] {
        auto& t = rs::deref(tensor, "tensor");
        at::Tensor g = gradient != nullptr ? *gradient : at::Tensor();
        t.backward(g, retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt, false);
    });
}

// The accumulated gradient in *grad (sharing its storage), or null there when there is none yet.
RS_EXPORT int rs_autograd_grad(at::Tensor* tensor, at::Tensor** grad) {
    return rs::guard_status([&] {
        TORCH_CHECK(grad != nullptr, "grad is null");
        *grad = nullptr;
        const auto& g = rs::deref(tensor, "tensor").grad();
        if (g.defined()) {
            *grad = new at::Tensor(g);
        }
    });
}

// Replaces the gradient with a copy of value, or removes it when value is null.
RS_EXPORT int rs_autograd_set_grad_(at::Tensor* tensor, at::Tensor* value) {
    return rs::guard_status([&] {
        auto& t = rs::deref(tensor, "tensor");
        t.mutable_grad() = value != nullptr ? value->detach().clone() : at::Tensor();
    });
}

// Zeroes the gradient in place (optimizer.zero_grad(set_to_none=False)), or drops it when set_to_none is nonzero.
RS_EXPORT int rs_autograd_zero_grad_(at::Tensor* tensor, int set_to_none) {
    return rs::guard_status([&] {
        auto& g = rs::deref(tensor, "tensor").mutable_grad();
        if (!g.defined()) {
            return;
        }
        if (set_to_none != 0) {
            g = at::Tensor();
            return;
        }
        if (g.grad_fn()) {
            g = g.detach();
        } else {
            g.requires_grad_(false);
        }
        g.zero_();
    });
}

// A tensor sharing storage but cut from the graph (torch.Tensor.detach).
RS_EXPORT at::Tensor* rs_autograd_detach(at::Tensor* tensor) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").detach(); });
}

// Gives tensor the storage of value, keeping its identity and autograd flags (what Module.to does to parameters).
RS_EXPORT int rs_autograd_set_data_(at::Tensor* tensor, at::Tensor* value) {
    return rs::guard_status([&] { rs::deref(tensor, "tensor").set_data(rs::deref(value, "value")); });
}

// Switches gradient recording on this thread; returns the previous state (1 or 0), or -1 on failure.
RS_EXPORT int rs_autograd_set_grad_enabled(int enabled) {
    return rs::guard(-1, [&] {
        bool previous = at::GradMode::is_enabled();
        at::GradMode::set_enabled(enabled != 0);
        return previous ? 1 : 0;
    });
}

RS_EXPORT int rs_autograd_is_grad_enabled() {
    return rs::guard(-1, [] { return at::GradMode::is_enabled() ? 1 : 0; });
}
