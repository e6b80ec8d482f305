// The neural-network ops a U-Net, its loss and on-device augmentation need, with torch.nn.functional's semantics.
#include <vector>

#include "rs_autocast.h"
#include "rs_tensor.h"
#include "rs_winograd.h"

namespace {

std::vector<at::Tensor> list(at::Tensor** tensors, int count) {
    TORCH_CHECK(count >= 1 && tensors != nullptr, "needs at least one tensor, got ", count);
    std::vector<at::Tensor> result;
    result.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        result.push_back(rs::deref(tensors[i], "tensors[i]"));
    }
    return result;
}

// Reduction codes match C# Reduction and at::Reduction: 0 none, 1 mean, 2 sum.
int64_t reduction(int code) {
    TORCH_CHECK(code >= 0 && code <= 2, "unsupported reduction code ", code);
    return code;
}

}  // namespace

// F.conv2d: stride, padding and dilation are (height, width) pairs.
RS_EXPORT at::Tensor* rs_nn_conv2d(at::Tensor* input, at::Tensor* weight, at::Tensor* bias, const int64_t* stride,
                                   const int64_t* padding, const int64_t* dilation, int64_t groups) {
    return rs::tensor([&] {
        auto strides = rs::ints(stride, 2, "stride");
        auto paddings = rs::ints(padding, 2, "padding");
        auto dilations = rs::ints(dilation, 2, "dilation");
        auto& x = rs::deref(input, "input");
        auto& w = rs::deref(weight, "weight");
        // Under CPU autocast the convolution belongs to autocast (bfloat16), not to the float32 Winograd kernels.
        if (!(x.is_cpu() && rs::cpu_autocast_enabled())) {
            if (auto fast = rs::try_winograd_conv2d(x, w, rs::maybe(bias), strides, paddings, dilations, groups)) {
                return *fast;
            }
        }
        return at::conv2d(x, w, rs::maybe(bias), strides, paddings, dilations, groups);
    });
}

// F.conv_transpose2d; weight is (in, out / groups, kh, kw).
RS_EXPORT at::Tensor* rs_nn_conv_transpose2d(at::Tensor* input, at::Tensor* weight, at::Tensor* bias,
                                             const int64_t* stride, const int64_t* padding,
                                             const int64_t* output_padding, int64_t groups, const int64_t* dilation) {
    return rs::tensor([&] {
        auto& x = rs::deref(input, "input");
        auto& w = rs::deref(weight, "weight");
        auto b = rs::maybe(bias);
        auto run = [&](const at::Tensor& xs, const at::Tensor& ws, const c10::optional<at::Tensor>& bs) {
            return at::conv_transpose2d(xs, ws, bs, rs::ints(stride, 2, "stride"), rs::ints(padding, 2, "padding"),
                                        rs::ints(output_padding, 2, "output_padding"), groups,
                                        rs::ints(dilation, 2, "dilation"));
        };
        if (x.is_cpu() && rs::cpu_autocast_enabled()) {
            // libtorch 1.13's CPU autocast runs this in bfloat16, where the U-Net's 2x2 stride-2 kernel fails with a
            // shape error: it runs in float32 instead, outside autocast.
            c10::impl::ExcludeDispatchKeyGuard no_autocast(c10::DispatchKey::AutocastCPU);
            auto fp32 = [](const at::Tensor& t) { return t.to(at::kFloat); };
            return run(fp32(x), fp32(w), b ? c10::optional<at::Tensor>(fp32(*b)) : c10::nullopt);
        }
        return run(x, w, b);
    });
}

// F.group_norm.
RS_EXPORT at::Tensor* rs_nn_group_norm(at::Tensor* input, int64_t groups, at::Tensor* weight, at::Tensor* bias,
                                       double eps) {
    return rs::tensor([&] {
        auto& x = rs::deref(input, "input");
        if (x.scalar_type() == at::kBFloat16 || x.scalar_type() == at::kHalf) {
            // Statistics in float32 whatever autocast made of the input (CUDA autocast does the same; libtorch
            // 1.13's CPU autocast leaves group_norm alone): the output is float32.
            auto fp32 = [](const c10::optional<at::Tensor>& t) {
                return t ? c10::optional<at::Tensor>(t->to(at::kFloat)) : c10::nullopt;
            };
            return at::group_norm(x.to(at::kFloat), groups, fp32(rs::maybe(weight)), fp32(rs::maybe(bias)), eps);
        }
        return at::group_norm(x, groups, rs::maybe(weight), rs::maybe(bias), eps);
    });
}

// F.batch_norm: in training the running statistics (when given) are updated in place with momentum.
RS_EXPORT at::Tensor* rs_nn_batch_norm(at::Tensor* input, at::Tensor* weight, at::Tensor* bias,
                                       at::Tensor* running_mean, at::Tensor* running_var, int training,
                                       double momentum, double eps) {
    return rs::tensor([&] {
        return at::batch_norm(rs::deref(input, "input"), rs::maybe(weight), rs::maybe(bias), rs::maybe(running_mean),
                              rs::maybe(running_var), training != 0, momentum, eps, false);
    });
}

RS_EXPORT at::Tensor* rs_nn_relu(at::Tensor* input) {
    return rs::tensor([&] { return at::relu(rs::deref(input, "input")); });
}

// In-place relu (F.relu(x, inplace=True)); returns a new handle on the same tensor. After a convolution this saves
// writing a second activation-sized tensor: a convolution's backward needs its input and weight, not its output.
RS_EXPORT at::Tensor* rs_nn_relu_(at::Tensor* input) {
    return rs::tensor([&] { return at::relu_(rs::deref(input, "input")); });
}

RS_EXPORT at::Tensor* rs_nn_leaky_relu(at::Tensor* input, double negative_slope) {
    return rs::tensor([&] { return at::leaky_relu(rs::deref(input, "input"), negative_slope); });
}

namespace {

// 2x2 max pooling with stride 2 as the elementwise maximum of four strided views: the same values as
// at::max_pool2d (NaN propagates in both) at about half the time, because no indices are written. Used only when no
// gradient is recorded: with ties (common after ReLU and GroupNorm) the two would route gradients differently.
at::Tensor max_pool2x2(const at::Tensor& x) {
    const int64_t height = x.size(-2) / 2 * 2;
    const int64_t width = x.size(-1) / 2 * 2;
    auto view = [&](int64_t row, int64_t column) {
        return x.slice(-2, row, height, 2).slice(-1, column, width, 2);
    };
    return at::maximum(at::maximum(view(0, 0), view(0, 1)), at::maximum(view(1, 0), view(1, 1)));
}

}  // namespace

// F.max_pool2d: kernel, stride, padding and dilation are (height, width) pairs.
RS_EXPORT at::Tensor* rs_nn_max_pool2d(at::Tensor* input, const int64_t* kernel, const int64_t* stride,
                                       const int64_t* padding, const int64_t* dilation, int ceil_mode) {
    return rs::tensor([&] {
        const at::Tensor& x = rs::deref(input, "input");
        const auto k = rs::ints(kernel, 2, "kernel");
        const auto s = rs::ints(stride, 2, "stride");
        const auto p = rs::ints(padding, 2, "padding");
        const auto d = rs::ints(dilation, 2, "dilation");
        const bool plain_2x2 = k[0] == 2 && k[1] == 2 && s[0] == 2 && s[1] == 2 && p[0] == 0 && p[1] == 0 &&
                               d[0] == 1 && d[1] == 1 && ceil_mode == 0;
        const bool records_gradient = at::GradMode::is_enabled() && x.requires_grad();
        if (plain_2x2 && !records_gradient && (x.dim() == 3 || x.dim() == 4) && x.size(-2) >= 2 && x.size(-1) >= 2) {
            return max_pool2x2(x);
        }
        return at::max_pool2d(x, k, s, p, d, ceil_mode != 0);
    });
}

// F.avg_pool2d: kernel, stride and padding are (height, width) pairs; count_include_pad decides whether padded
// zeros count in each window's mean (ONNX AveragePool leaves them out by default, PyTorch counts them).
RS_EXPORT at::Tensor* rs_nn_avg_pool2d(at::Tensor* input, const int64_t* kernel, const int64_t* stride,
                                       const int64_t* padding, int ceil_mode, int count_include_pad) {
    return rs::tensor([&] {
        const at::Tensor& x = rs::deref(input, "input");
        return at::avg_pool2d(x, rs::ints(kernel, 2, "kernel"), rs::ints(stride, 2, "stride"),
                              rs::ints(padding, 2, "padding"), ceil_mode != 0, count_include_pad != 0);
    });
}

RS_EXPORT at::Tensor* rs_nn_cat(at::Tensor** tensors, int count, int64_t dim) {
    return rs::tensor([&] { return at::cat(list(tensors, count), dim); });
}

RS_EXPORT at::Tensor* rs_nn_stack(at::Tensor** tensors, int count, int64_t dim) {
    return rs::tensor([&] { return at::stack(list(tensors, count), dim); });
}

// F.pad: pads lists (left, right, top, bottom, ...) from the last dimension backwards; mode 0 constant,
// 1 reflect, 2 replicate, 3 circular.
RS_EXPORT at::Tensor* rs_nn_pad(at::Tensor* input, const int64_t* pads, int npads, int mode, double value) {
    return rs::tensor([&] {
        static const char* const modes[] = {"constant", "reflect", "replicate", "circular"};
        TORCH_CHECK(mode >= 0 && mode <= 3, "unsupported padding mode code ", mode);
        auto& t = rs::deref(input, "input");
        auto p = rs::ints(pads, npads, "pads");
        if (mode == 0) {
            return at::pad(t, p, modes[mode], value);
        }
        return at::pad(t, p, modes[mode]);
    });
}

RS_EXPORT at::Tensor* rs_nn_softmax(at::Tensor* input, int64_t dim) {
    return rs::tensor([&] { return at::softmax(rs::deref(input, "input"), dim); });
}

RS_EXPORT at::Tensor* rs_nn_log_softmax(at::Tensor* input, int64_t dim) {
    return rs::tensor([&] { return at::log_softmax(rs::deref(input, "input"), dim); });
}

// F.nll_loss on log-probabilities (N, C, ...) and int64 targets (N, ...); class_weight may be null.
RS_EXPORT at::Tensor* rs_nn_nll_loss(at::Tensor* input, at::Tensor* target, at::Tensor* class_weight,
                                     int reduction_code, int64_t ignore_index) {
    return rs::tensor([&] {
        return at::nll_loss_nd(rs::deref(input, "input"), rs::deref(target, "target"), rs::maybe(class_weight),
                               reduction(reduction_code), ignore_index);
    });
}

// F.cross_entropy on logits (N, C, ...) and int64 targets (N, ...); class_weight may be null.
RS_EXPORT at::Tensor* rs_nn_cross_entropy(at::Tensor* input, at::Tensor* target, at::Tensor* class_weight,
                                          int reduction_code, int64_t ignore_index, double label_smoothing) {
    return rs::tensor([&] {
        return at::cross_entropy_loss(rs::deref(input, "input"), rs::deref(target, "target"), rs::maybe(class_weight),
                                      reduction(reduction_code), ignore_index, label_smoothing);
    });
}

// F.interpolate of (N, C, H, W); mode 0 nearest, 1 bilinear. Either the output size (height, width) is given, or,
// when use_scales is nonzero, scale factors that F.interpolate(scale_factor=...) passes on to the kernel (they
// change which source pixels are read, so they are not the same as the size they imply).
RS_EXPORT at::Tensor* rs_nn_interpolate(at::Tensor* input, int64_t height, int64_t width, int mode,
                                        int align_corners, int use_scales, double scale_h, double scale_w) {
    return rs::tensor([&] {
        auto& t = rs::deref(input, "input");
        TORCH_CHECK(t.dim() == 4, "interpolate needs a 4-dimensional (N, C, H, W) input, got ", t.dim(), " dimensions");
        std::vector<int64_t> size{height, width};
        std::vector<double> scales{scale_h, scale_w};
        auto out_size = use_scales ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(size);
        auto out_scales = use_scales ? c10::optional<at::ArrayRef<double>>(scales) : c10::nullopt;
        switch (mode) {
            case 0:
                TORCH_CHECK(align_corners == 0, "align_corners applies only to bilinear interpolation");
                return at::upsample_nearest2d(t, out_size, out_scales);
            case 1:
                return at::upsample_bilinear2d(t, out_size, align_corners != 0, out_scales);
            default:
                throw std::invalid_argument("unsupported interpolation mode code " + std::to_string(mode));
        }
    });
}

// F.grid_sample: mode 0 bilinear, 1 nearest, 2 bicubic; padding 0 zeros, 1 border, 2 reflection.
RS_EXPORT at::Tensor* rs_nn_grid_sample(at::Tensor* input, at::Tensor* grid, int mode, int padding_mode,
                                        int align_corners) {
    return rs::tensor([&] {
        TORCH_CHECK(mode >= 0 && mode <= 2, "unsupported grid_sample mode code ", mode);
        TORCH_CHECK(padding_mode >= 0 && padding_mode <= 2, "unsupported grid_sample padding code ", padding_mode);
        return at::grid_sampler(rs::deref(input, "input"), rs::deref(grid, "grid"), mode, padding_mode,
                                align_corners != 0);
    });
}
