// Tensors: creation from managed buffers and by value, reading back, queries, views and copies, freeing.
#include <cstring>

#include "rs_tensor.h"

namespace {

at::TensorOptions options(int dtype, int device_type, int device_index) {
    return at::TensorOptions().dtype(rs::scalar_type(dtype)).device(rs::device(device_type, device_index));
}

// A CPU generator seeded for this one call, or none (the device's default generator) when has_seed is 0.
c10::optional<at::Generator> generator(int has_seed, uint64_t seed) {
    if (has_seed == 0) {
        return c10::nullopt;
    }
    return at::detail::createCPUGenerator(seed);
}

// Random values are drawn on the CPU when a seed is given, so a seed means the same numbers on every device.
template <typename F>
at::Tensor random(const int64_t* shape, int ndim, int dtype, int device_type, int device_index, int has_seed,
                  uint64_t seed, F&& draw) {
    auto target = options(dtype, device_type, device_index);
    auto gen = generator(has_seed, seed);
    if (!gen.has_value()) {
        return draw(rs::ints(shape, ndim, "shape"), target, gen);
    }
    auto cpu = draw(rs::ints(shape, ndim, "shape"), target.device(at::kCPU), gen);
    return cpu.to(target.device());
}

}  // namespace

// Copies nbytes from data (C order, dtype's element layout) into a new tensor of the given shape and device
// (asynchronously for a CUDA device; data may be reused as soon as this returns).
RS_EXPORT at::Tensor* rs_tensor_from_buffer(const void* data, int64_t nbytes, const int64_t* shape, int ndim,
                                            int dtype, int device_type, int device_index) {
    return rs::tensor([&] {
        auto dims = rs::ints(shape, ndim, "shape");
        auto type = rs::scalar_type(dtype);
        auto target = rs::device(device_type, device_index);
        // For a GPU the bytes go through pinned (page-locked) memory, so the copy to the device is asynchronous:
        // the host returns at once and the copy queues before the work that reads it. libtorch's pinned-memory
        // cache keeps the block until the copy has finished.
        auto result = at::empty(dims, at::TensorOptions().dtype(type).pinned_memory(target.is_cuda()));
        auto expected = static_cast<int64_t>(result.numel() * result.element_size());
        TORCH_CHECK(nbytes == expected, "buffer holds ", nbytes, " bytes but shape ", dims, " of ", type,
                    " needs ", expected);
        TORCH_CHECK(expected == 0 || data != nullptr, "buffer is null");
        if (expected > 0) {
            std::memcpy(result.data_ptr(), data, static_cast<size_t>(expected));
        }
        return result.to(target, type, /*non_blocking=*/target.is_cuda());
    });
}

// Copies the tensor's elements (C order) into dst, which must hold exactly numel * element size bytes.
RS_EXPORT int rs_tensor_to_buffer(at::Tensor* tensor, void* dst, int64_t nbytes, int dtype) {
    return rs::guard_status([&] {
        auto& t = rs::deref(tensor, "tensor");
        auto type = rs::scalar_type(dtype);
        TORCH_CHECK(t.scalar_type() == type, "tensor holds ", t.scalar_type(), ", not ", type);
        auto expected = static_cast<int64_t>(t.numel() * t.element_size());
        TORCH_CHECK(nbytes == expected, "destination holds ", nbytes, " bytes but the tensor has ", expected);
        if (expected == 0) {
            return;
        }
        TORCH_CHECK(dst != nullptr, "destination is null");
        auto cpu = t.detach().to(at::kCPU).contiguous();
        std::memcpy(dst, cpu.data_ptr(), static_cast<size_t>(expected));
    });
}

RS_EXPORT at::Tensor* rs_tensor_empty(const int64_t* shape, int ndim, int dtype, int device_type, int device_index) {
    return rs::tensor([&] { return at::empty(rs::ints(shape, ndim, "shape"), options(dtype, device_type, device_index)); });
}

RS_EXPORT at::Tensor* rs_tensor_full(const int64_t* shape, int ndim, double value, int dtype, int device_type,
                                     int device_index) {
    return rs::tensor([&] {
        return at::full(rs::ints(shape, ndim, "shape"), value, options(dtype, device_type, device_index));
    });
}

// Standard normal values (torch.randn).
RS_EXPORT at::Tensor* rs_tensor_randn(const int64_t* shape, int ndim, int dtype, int device_type, int device_index,
                                      int has_seed, uint64_t seed) {
    return rs::tensor([&] {
        return random(shape, ndim, dtype, device_type, device_index, has_seed, seed,
                      [](at::IntArrayRef dims, const at::TensorOptions& o, c10::optional<at::Generator> g) {
                          return at::randn(dims, g, o);
                      });
    });
}

// Uniform values in [0, 1) (torch.rand).
RS_EXPORT at::Tensor* rs_tensor_rand(const int64_t* shape, int ndim, int dtype, int device_type, int device_index,
                                     int has_seed, uint64_t seed) {
    return rs::tensor([&] {
        return random(shape, ndim, dtype, device_type, device_index, has_seed, seed,
                      [](at::IntArrayRef dims, const at::TensorOptions& o, c10::optional<at::Generator> g) {
                          return at::rand(dims, g, o);
                      });
    });
}

// Integers uniform in [low, high) (torch.randint).
RS_EXPORT at::Tensor* rs_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype,
                                        int device_type, int device_index, int has_seed, uint64_t seed) {
    return rs::tensor([&] {
        TORCH_CHECK(high > low, "randint needs high > low, got [", low, ", ", high, ")");
        return random(shape, ndim, dtype, device_type, device_index, has_seed, seed,
                      [&](at::IntArrayRef dims, const at::TensorOptions& o, c10::optional<at::Generator> g) {
                          return at::randint(low, high, dims, g, o);
                      });
    });
}

// start, start + step, ... below end (torch.arange).
RS_EXPORT at::Tensor* rs_tensor_arange(double start, double end, double step, int dtype, int device_type,
                                       int device_index) {
    return rs::tensor([&] { return at::arange(start, end, step, options(dtype, device_type, device_index)); });
}

// steps values evenly spaced from start to end inclusive (torch.linspace).
RS_EXPORT at::Tensor* rs_tensor_linspace(double start, double end, int64_t steps, int dtype, int device_type,
                                         int device_index) {
    return rs::tensor([&] { return at::linspace(start, end, steps, options(dtype, device_type, device_index)); });
}

// Fills in place from the device's default generator (seeded by rs_device_manual_seed), as torch.nn.init does.
RS_EXPORT int rs_tensor_uniform_(at::Tensor* tensor, double from, double to) {
    return rs::guard_status([&] {
        at::NoGradGuard no_grad;
        rs::deref(tensor, "tensor").uniform_(from, to);
    });
}

RS_EXPORT int rs_tensor_normal_(at::Tensor* tensor, double mean, double std) {
    return rs::guard_status([&] {
        at::NoGradGuard no_grad;
        rs::deref(tensor, "tensor").normal_(mean, std);
    });
}

RS_EXPORT int rs_tensor_fill_(at::Tensor* tensor, double value) {
    return rs::guard_status([&] { rs::deref(tensor, "tensor").fill_(value); });
}

// Copies src into tensor in place, broadcasting and converting type and device.
RS_EXPORT int rs_tensor_copy_(at::Tensor* tensor, at::Tensor* src) {
    return rs::guard_status([&] { rs::deref(tensor, "tensor").copy_(rs::deref(src, "src")); });
}

RS_EXPORT void rs_tensor_dispose(at::Tensor* tensor) {
    rs::guard_status([&] { delete tensor; });
}

RS_EXPORT int rs_tensor_ndim(at::Tensor* tensor) {
    return rs::guard(-1, [&] { return static_cast<int>(rs::deref(tensor, "tensor").dim()); });
}

// Writes the sizes into shape, which holds room for ndim values.
RS_EXPORT int rs_tensor_shape(at::Tensor* tensor, int64_t* shape, int ndim) {
    return rs::guard_status([&] {
        auto& t = rs::deref(tensor, "tensor");
        TORCH_CHECK(ndim == t.dim() && (ndim == 0 || shape != nullptr), "shape buffer of ", ndim,
                    " values for a tensor of ", t.dim(), " dimensions");
        for (int i = 0; i < ndim; ++i) {
            shape[i] = t.size(i);
        }
    });
}

RS_EXPORT int rs_tensor_dtype(at::Tensor* tensor) {
    return rs::guard(-1, [&] { return static_cast<int>(rs::deref(tensor, "tensor").scalar_type()); });
}

RS_EXPORT int rs_tensor_device_type(at::Tensor* tensor) {
    return rs::guard(-1, [&] { return static_cast<int>(rs::deref(tensor, "tensor").device().type()); });
}

RS_EXPORT int rs_tensor_device_index(at::Tensor* tensor) {
    return rs::guard(-2, [&] { return static_cast<int>(rs::deref(tensor, "tensor").device().index()); });
}

// The single value of a one-element tensor as a double (torch.Tensor.item).
RS_EXPORT int rs_tensor_item(at::Tensor* tensor, double* value) {
    return rs::guard_status([&] {
        TORCH_CHECK(value != nullptr, "value is null");
        *value = rs::deref(tensor, "tensor").item<double>();
    });
}

// A copy on another device and/or with another scalar type (torch.Tensor.to); copy forces a new tensor.
RS_EXPORT at::Tensor* rs_tensor_to(at::Tensor* tensor, int device_type, int device_index, int dtype, int copy) {
    return rs::tensor([&] {
        return rs::deref(tensor, "tensor").to(rs::device(device_type, device_index), rs::scalar_type(dtype), false,
                                               copy != 0);
    });
}

RS_EXPORT at::Tensor* rs_tensor_clone(at::Tensor* tensor) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").clone(); });
}

RS_EXPORT at::Tensor* rs_tensor_contiguous(at::Tensor* tensor) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").contiguous(); });
}

// The same values laid out channels-last (NHWC in memory, the logical shape unchanged): oneDNN's convolutions then
// run without reordering their input. A 4-D tensor only.
RS_EXPORT at::Tensor* rs_tensor_contiguous_channels_last(at::Tensor* tensor) {
    return rs::tensor([&] {
        auto& t = rs::deref(tensor, "tensor");
        TORCH_CHECK(t.dim() == 4, "channels-last needs a 4-dimensional tensor, not ", t.dim(), " dimensions");
        return t.contiguous(at::MemoryFormat::ChannelsLast);
    });
}

RS_EXPORT at::Tensor* rs_tensor_reshape(at::Tensor* tensor, const int64_t* shape, int ndim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").reshape(rs::ints(shape, ndim, "shape")); });
}

RS_EXPORT at::Tensor* rs_tensor_view(at::Tensor* tensor, const int64_t* shape, int ndim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").view(rs::ints(shape, ndim, "shape")); });
}

RS_EXPORT at::Tensor* rs_tensor_permute(at::Tensor* tensor, const int64_t* dims, int ndim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").permute(rs::ints(dims, ndim, "dims")); });
}

RS_EXPORT at::Tensor* rs_tensor_transpose(at::Tensor* tensor, int64_t dim0, int64_t dim1) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").transpose(dim0, dim1); });
}

RS_EXPORT at::Tensor* rs_tensor_expand(at::Tensor* tensor, const int64_t* shape, int ndim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").expand(rs::ints(shape, ndim, "shape")); });
}

RS_EXPORT at::Tensor* rs_tensor_flip(at::Tensor* tensor, const int64_t* dims, int ndim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").flip(rs::ints(dims, ndim, "dims")); });
}

RS_EXPORT at::Tensor* rs_tensor_unsqueeze(at::Tensor* tensor, int64_t dim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").unsqueeze(dim); });
}

RS_EXPORT at::Tensor* rs_tensor_squeeze(at::Tensor* tensor, int64_t dim) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").squeeze(dim); });
}

// length elements of dim from start (a view, torch.narrow).
RS_EXPORT at::Tensor* rs_tensor_narrow(at::Tensor* tensor, int64_t dim, int64_t start, int64_t length) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").narrow(dim, start, length); });
}

// Elements start, start + step, ... below end of dim (a view, Python's t[..., start:end:step]).
RS_EXPORT at::Tensor* rs_tensor_slice(at::Tensor* tensor, int64_t dim, int64_t start, int64_t end, int64_t step) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").slice(dim, start, end, step); });
}

// The index-th entry of dim, that dimension removed (a view, t.select).
RS_EXPORT at::Tensor* rs_tensor_select(at::Tensor* tensor, int64_t dim, int64_t index) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").select(dim, index); });
}

RS_EXPORT at::Tensor* rs_tensor_index_select(at::Tensor* tensor, int64_t dim, at::Tensor* index) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").index_select(dim, rs::deref(index, "index")); });
}

// Elements where mask is true, as one flat tensor (t[mask]).
RS_EXPORT at::Tensor* rs_tensor_masked_select(at::Tensor* tensor, at::Tensor* mask) {
    return rs::tensor([&] { return rs::deref(tensor, "tensor").masked_select(rs::deref(mask, "mask")); });
}
