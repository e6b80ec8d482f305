// Winograd convolution for CPU inference: 3x3 valid convolutions through oneDNN's F(4x4, 3x3) Winograd kernels
// (Lavin and Gray 2016, "Fast algorithms for convolutional neural networks", doi:10.1109/CVPR.2016.435), which do
// about a quarter of the multiplications of the direct kernels libtorch uses. Only without gradients: the result
// differs from the direct convolution by rounding (about 1e-6 of the largest output), and training keeps the
// direct kernels whose backward pass autograd knows.
//
// oneDNN 2.x has those kernels for AVX-512 only. On a processor with AVX2 and FMA but without AVX-512 (AMD before
// Zen 4, Intel's consumer processors since Alder Lake) the same F(4x4, 3x3) algorithm runs as RootSeg's own
// transforms (rs_winograd_f43.cpp) around oneDNN's single-precision GEMM.
//
// The packed (Winograd-domain) weights are made once per weight tensor and kept while the weight lives and is not
// changed (its version counter); the oneDNN primitives are kept per input shape.
#include "rs_winograd.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

#ifdef RS_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>

#include "rs_winograd_f43.h"
#endif

namespace {
bool enabled = true;
constexpr int64_t min_winograd_channels = 64;
}

namespace rs {

#ifdef RS_HAVE_DNNL
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Dims = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, bool>;  // N, C in, H, W, C out, bias

dnnl::engine& cpu_engine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

// What one input shape needs: the convolution and the reorders into and out of oneDNN's blocked layout.
struct Plan {
    bool usable = false;
    dnnl::convolution_forward::primitive_desc conv_pd;
    dnnl::convolution_forward conv;
    dnnl::reorder to_blocked, to_plain;
    memory::desc plain_src, plain_dst;
};

// A weight packed for one weights layout; the strong reference keeps the tensor's address from being reused.
struct PackedWeight {
    at::Tensor weight;
    int64_t version;
    memory::desc layout;
    at::Tensor packed;
};

std::mutex cache_mutex;
std::map<Dims, Plan> plans;
std::vector<PackedWeight> packed_weights;
constexpr size_t max_packed_weights = 256;

memory::dims dims(std::initializer_list<int64_t> values) { return memory::dims(values); }

Plan make_plan(const Dims& key) {
    auto [n, in, h, w, out, has_bias] = key;
    Plan plan;
    try {
        auto src = memory::desc(dims({n, in, h, w}), memory::data_type::f32, Tag::nChw16c);
        auto dst = memory::desc(dims({n, out, h - 2, w - 2}), memory::data_type::f32, Tag::nChw16c);
        auto weights = memory::desc(dims({out, in, 3, 3}), memory::data_type::f32, Tag::any);
        auto bias = has_bias ? memory::desc(dims({out}), memory::data_type::f32, Tag::x) : memory::desc();
        auto desc = dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                                                    dnnl::algorithm::convolution_winograd, src, weights, bias, dst,
                                                    {1, 1}, {0, 0}, {0, 0});
        dnnl::primitive_attr attr;
        attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
        plan.conv_pd = dnnl::convolution_forward::primitive_desc(desc, attr, cpu_engine());
        plan.conv = dnnl::convolution_forward(plan.conv_pd);
        plan.plain_src = memory::desc(dims({n, in, h, w}), memory::data_type::f32, Tag::nchw);
        plan.plain_dst = memory::desc(dims({n, out, h - 2, w - 2}), memory::data_type::f32, Tag::nchw);
        plan.to_blocked = dnnl::reorder(dnnl::reorder::primitive_desc(cpu_engine(), plan.plain_src, cpu_engine(),
                                                                       plan.conv_pd.src_desc()));
        plan.to_plain = dnnl::reorder(dnnl::reorder::primitive_desc(cpu_engine(), plan.conv_pd.dst_desc(),
                                                                     cpu_engine(), plan.plain_dst));
        plan.usable = true;
    } catch (const dnnl::error&) {
        // No Winograd kernel for this shape or processor (channels not a multiple of the vector width, no
        // AVX-512): the caller falls back to the direct convolution.
        plan.usable = false;
    }
    return plan;
}

at::Tensor bytes(size_t size) { return at::empty({static_cast<int64_t>(size)}, at::kByte); }

// A grow-only buffer of this thread, outside the caching allocator: the blocked copies and the scratchpad of every
// layer reuse it, so the process holds the largest layer's need rather than the sum of all layers' (kept by the
// cache under different sizes, that sum doubled the resident memory of segmenting a photo).
class Workspace {
public:
    void* at_least(size_t size) {
        if (size > size_) {
            data_.reset(static_cast<char*>(std::aligned_alloc(alignment, round_up(size))));
            TORCH_CHECK(data_ != nullptr, "out of memory for a ", size, "-byte Winograd workspace");
            size_ = round_up(size);
        }
        return data_.get();
    }

private:
    static constexpr size_t alignment = 64;
    static size_t round_up(size_t size) { return (size + alignment - 1) / alignment * alignment; }
    struct Free {
        void operator()(char* p) const { std::free(p); }
    };
    std::unique_ptr<char, Free> data_;
    size_t size_ = 0;
};

thread_local Workspace blocked_source, blocked_result, scratchpad;

memory wrap(const memory::desc& desc, const at::Tensor& tensor) {
    return memory(desc, cpu_engine(), tensor.data_ptr());
}

// Drops the packed weights whose tensor only this cache still holds (its model is gone), keeping at most limit.
void forget_dead_weights(size_t limit) {
    std::vector<PackedWeight> alive;
    for (auto& entry : packed_weights) {
        if (entry.weight.use_count() > 1 && alive.size() < limit) {
            alive.push_back(std::move(entry));
        }
    }
    packed_weights = std::move(alive);
}

// Reorders the (out, in, 3, 3) weight into target, which has the layout oneDNN's kernel reads.
void pack_for_onednn(const at::Tensor& weight, const memory::desc& layout, const at::Tensor& target) {
    dnnl::stream stream(cpu_engine());
    auto plain = weight.contiguous();
    auto source = wrap(memory::desc(dims({weight.size(0), weight.size(1), 3, 3}), memory::data_type::f32, Tag::oihw),
                       plain);
    auto packed = wrap(layout, target);
    dnnl::reorder(source, packed).execute(stream, source, packed);
    stream.wait();  // plain may be a temporary copy
}

// The layout of the own kernels' weights: u[position][in][out] (rs_winograd_f43.h).
memory::desc own_layout(const at::Tensor& weight) {
    return memory::desc(dims({f43::positions, weight.size(1), weight.size(0)}), memory::data_type::f32, Tag::abc);
}

void pack_for_own(const at::Tensor& weight, const memory::desc&, const at::Tensor& target) {
    auto plain = weight.contiguous();
    f43::transform_weights(plain.data_ptr<float>(), weight.size(0), weight.size(1),
                           static_cast<float*>(target.data_ptr()));
}

using Packer = void (*)(const at::Tensor& weight, const memory::desc& layout, const at::Tensor& target);

// The weight in layout, packed now if it is new or has changed since.
const at::Tensor& packed_weight(const at::Tensor& weight, const memory::desc& layout, Packer pack) {
    for (auto& entry : packed_weights) {
        if (entry.weight.unsafeGetTensorImpl() == weight.unsafeGetTensorImpl() && entry.layout == layout) {
            if (entry.version != weight._version()) {
                pack(weight, layout, entry.packed);
                entry.version = weight._version();
            }
            return entry.packed;
        }
    }
    forget_dead_weights(max_packed_weights - 1);
    auto packed = bytes(layout.get_size());
    pack(weight, layout, packed);
    packed_weights.push_back(PackedWeight{weight, weight._version(), layout, packed});
    return packed_weights.back().packed;
}

bool own_kernels_run_here() {
    static const bool supported = f43::supported();
    return supported;
}

// Each thread's Winograd-domain inputs and products of one band of tile rows (own kernels).
thread_local Workspace band_inputs, band_products;
// A band's inputs and products together take about this much (the processor's second-level cache, roughly), but
// a band has at least min_band_tiles tiles (or a whole image), so that where the channels are many and the image
// small the products stay matrix products worth the name. Measured on the paper's U-Net layers (Zen 4 limited to
// AVX2, 2 threads): 1.7 to 2.4 times faster than the direct convolutions, 1024 channels at 32 px 1.8 times, and
// bands of 1 or 256 tiles at least were no faster.
constexpr int64_t band_bytes = 2 << 20;
constexpr int64_t min_band_tiles = 64;

// The valid 3x3 convolution through the own transforms and oneDNN's GEMM: each band of tile rows of each image is
// transformed, multiplied position by position (tiles x in) x (in x out), and transformed back by one thread.
at::Tensor own_winograd_conv2d(const at::Tensor& input, const at::Tensor& packed, const c10::optional<at::Tensor>& bias,
                               int64_t out_channels) {
    const int64_t images = input.size(0), channels = input.size(1), height = input.size(2), width = input.size(3);
    const int64_t out_height = height - 2, out_width = width - 2;
    const int64_t tiles_down = (out_height + f43::output_tile - 1) / f43::output_tile;
    const int64_t tiles_across = (out_width + f43::output_tile - 1) / f43::output_tile;
    const int64_t row_bytes = tiles_across * f43::positions * (channels + out_channels) * int64_t(sizeof(float));
    const int64_t min_rows = (min_band_tiles + tiles_across - 1) / tiles_across;
    const int64_t rows_per_band = std::clamp<int64_t>(std::max(band_bytes / row_bytes, min_rows), 1, tiles_down);
    const int64_t bands_per_image = (tiles_down + rows_per_band - 1) / rows_per_band;
    auto x = input.contiguous();
    auto output = at::empty({images, out_channels, out_height, out_width}, input.options());
    auto bias_values = bias ? bias->contiguous() : at::Tensor();
    const float* source = x.data_ptr<float>();
    const float* weights = static_cast<const float*>(packed.data_ptr());
    const float* offsets = bias ? bias_values.data_ptr<float>() : nullptr;
    float* target = output.data_ptr<float>();
    at::internal::lazy_init_num_threads();
    at::parallel_for(0, images * bands_per_image, 1, [&](int64_t begin, int64_t end) {
        for (auto band = begin; band < end; band++) {
            const int64_t image = band / bands_per_image;
            const int64_t first_row = band % bands_per_image * rows_per_band;
            const int64_t end_row = std::min(first_row + rows_per_band, tiles_down);
            const int64_t tiles = (end_row - first_row) * tiles_across;
            auto* v = static_cast<float*>(band_inputs.at_least(f43::positions * tiles * channels * sizeof(float)));
            auto* m = static_cast<float*>(band_products.at_least(f43::positions * tiles * out_channels * sizeof(float)));
            f43::transform_input(source + image * channels * height * width, height, width, channels, first_row,
                                 end_row, tiles_across, v);
            for (int64_t p = 0; p < f43::positions; p++) {
                auto status = dnnl_sgemm('N', 'N', tiles, out_channels, channels, 1.0f, v + p * tiles * channels,
                                         channels, weights + p * channels * out_channels, out_channels, 0.0f,
                                         m + p * tiles * out_channels, out_channels);
                TORCH_CHECK(status == dnnl_success, "oneDNN's sgemm failed with status ", int(status));
            }
            f43::transform_output(m, out_channels, out_height, out_width, first_row, end_row, tiles_across, offsets,
                                  target + image * out_channels * out_height * out_width);
        }
    });
    return output;
}

}  // namespace
#endif

void set_winograd_enabled(bool on) { enabled = on; }

void release_winograd_weights() {
#ifdef RS_HAVE_DNNL
    std::lock_guard<std::mutex> lock(cache_mutex);
    forget_dead_weights(max_packed_weights);
#endif
}

bool winograd_enabled() { return enabled; }

bool winograd_compiled() {
#ifdef RS_HAVE_DNNL
    return true;
#else
    return false;
#endif
}

bool winograd_kernels_available() {
#ifdef RS_HAVE_DNNL
    // oneDNN 2.x has its f32 Winograd kernels for AVX-512 only; ask once with a small shape.
    static const bool available = make_plan(Dims{1, 64, 8, 8, 64, true}).usable;
    return available || own_kernels_run_here();
#else
    return false;
#endif
}

c10::optional<at::Tensor> try_winograd_conv2d(const at::Tensor& input, const at::Tensor& weight,
                                              const c10::optional<at::Tensor>& bias, at::IntArrayRef stride,
                                              at::IntArrayRef padding, at::IntArrayRef dilation, int64_t groups) {
#ifdef RS_HAVE_DNNL
    auto wants_gradient = at::GradMode::is_enabled() &&
                          (input.requires_grad() || weight.requires_grad() || (bias && bias->requires_grad()));
    auto all = [](at::IntArrayRef values, int64_t v) {
        for (auto x : values) {
            if (x != v) return false;
        }
        return true;
    };
    auto cpu_float = [](const at::Tensor& t) {
        return t.device().is_cpu() && t.scalar_type() == at::kFloat && t.layout() == at::kStrided;
    };
    if (!enabled || wants_gradient || groups != 1 || !all(stride, 1) || !all(padding, 0) || !all(dilation, 1) ||
        input.dim() != 4 || weight.dim() != 4 || weight.size(2) != 3 || weight.size(3) != 3 ||
        input.size(1) != weight.size(1) || input.size(2) < 3 || input.size(3) < 3 || !cpu_float(input) ||
        !cpu_float(weight) || (bias && (!cpu_float(*bias) || bias->dim() != 1 || bias->size(0) != weight.size(0)))) {
        return c10::nullopt;
    }
    // Below 64 channels the Winograd transforms cost more than the multiplications they save: measured on the
    // paper's U-Net (batch 2 of 572 tiles, AVX-512, 2 threads), 3 to 64 channels took 23 ms against 6 ms direct,
    // while 128 to 128 channels took 63 ms against 108 ms and 512 to 512 34 ms against 91 ms.
    if (weight.size(0) < min_winograd_channels || weight.size(1) < min_winograd_channels) {
        return c10::nullopt;
    }
    Dims key{input.size(0), input.size(1), input.size(2), input.size(3), weight.size(0), bias.has_value()};
    const Plan* found;
    at::Tensor packed;
    {
        // Plans are never removed, so the reference outlives the lock; the primitives may run on several threads
        // at once (each call brings its own buffers and scratchpad).
        std::lock_guard<std::mutex> lock(cache_mutex);
        auto entry = plans.find(key);
        if (entry == plans.end()) {
            entry = plans.emplace(key, make_plan(key)).first;
        }
        found = &entry->second;
        if (!found->usable) {
            auto own = own_kernels_run_here() && input.size(1) % f43::channel_block == 0 &&
                       weight.size(0) % f43::channel_block == 0;
            if (!own) {
                return c10::nullopt;
            }
            packed = packed_weight(weight, own_layout(weight), pack_for_own);
        } else {
            packed = packed_weight(weight, found->conv_pd.weights_desc(), pack_for_onednn);
        }
    }
    if (!found->usable) {
        return own_winograd_conv2d(input, packed, bias, weight.size(0));
    }
    const Plan& plan = *found;
    dnnl::stream stream(cpu_engine());
    // oneDNN runs on this thread's OpenMP team; give it libtorch's thread count, as libtorch's own kernels get.
    at::internal::lazy_init_num_threads();
    auto x = input.contiguous();
    auto output = at::empty({input.size(0), weight.size(0), input.size(2) - 2, input.size(3) - 2}, input.options());
    auto in_workspace = [](const memory::desc& desc, Workspace& workspace) {
        return memory(desc, cpu_engine(), workspace.at_least(desc.get_size()));
    };
    auto src = in_workspace(plan.conv_pd.src_desc(), blocked_source);
    auto dst = in_workspace(plan.conv_pd.dst_desc(), blocked_result);
    auto user_src = wrap(plan.plain_src, x);
    plan.to_blocked.execute(stream, user_src, src);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src},
                                         {DNNL_ARG_WEIGHTS, wrap(plan.conv_pd.weights_desc(), packed)},
                                         {DNNL_ARG_DST, dst},
                                         {DNNL_ARG_SCRATCHPAD, in_workspace(plan.conv_pd.scratchpad_desc(), scratchpad)}};
    at::Tensor bias_values;
    if (bias) {
        bias_values = bias->contiguous();
        args.emplace(DNNL_ARG_BIAS, wrap(plan.conv_pd.bias_desc(), bias_values));
    }
    plan.conv.execute(stream, args);
    auto user_dst = wrap(plan.plain_dst, output);
    plan.to_plain.execute(stream, dst, user_dst);
    stream.wait();
    return output;
#else
    (void)input, (void)weight, (void)bias, (void)stride, (void)padding, (void)dilation, (void)groups;
    return c10::nullopt;
#endif
}

}  // namespace rs

// Whether 3x3 convolutions without gradients use the Winograd kernels (1) or libtorch's direct ones (0).
RS_EXPORT int rs_set_winograd(int on) {
    return rs::guard_status([&] { rs::set_winograd_enabled(on != 0); });
}

// Frees the packed weights of weight tensors nobody else holds any more (a disposed model's).
RS_EXPORT int rs_winograd_release() {
    return rs::guard_status([] { rs::release_winograd_weights(); });
}

// 1 when Winograd convolutions are on, 0 when off, -1 when the shim was built without oneDNN's headers, -2 when
// this processor has neither oneDNN's Winograd kernel (AVX-512) nor AVX2 and FMA for the own one (convolutions are
// then always direct).
RS_EXPORT int rs_get_winograd() {
    return rs::guard(-1, [] {
        if (!rs::winograd_compiled()) return -1;
        if (!rs::winograd_kernels_available()) return -2;
        return rs::winograd_enabled() ? 1 : 0;
    });
}
