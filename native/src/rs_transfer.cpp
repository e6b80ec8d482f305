// Host-to-device transfer: page-locked (pinned) host tensors that a GPU reads by DMA, writes into an existing host
// tensor, and copies that return before the device has the data, so the next batch can be cropped while the GPU
// trains on this one.
#include <cstring>

#include "rs_tensor.h"

// An uninitialised host tensor in page-locked memory; fails when this libtorch has no CUDA (nothing to pin for).
RS_EXPORT at::Tensor* rs_transfer_empty_pinned(const int64_t* shape, int ndim, int dtype) {
    return rs::tensor([&] {
        return at::empty(rs::ints(shape, ndim, "shape"),
                         at::TensorOptions().dtype(rs::scalar_type(dtype)).pinned_memory(true));
    });
}

// Copies nbytes from data into a contiguous host tensor, which must hold exactly that many bytes of dtype.
RS_EXPORT int rs_transfer_write(at::Tensor* tensor, const void* data, int64_t nbytes, int dtype) {
    return rs::guard_status([&] {
        auto& t = rs::deref(tensor, "tensor");
        auto type = rs::scalar_type(dtype);
        TORCH_CHECK(t.device().is_cpu(), "only a host tensor can be written, this one is on ", t.device());
        TORCH_CHECK(t.is_contiguous(), "only a contiguous tensor can be written");
        TORCH_CHECK(t.scalar_type() == type, "tensor holds ", t.scalar_type(), ", not ", type);
        auto expected = static_cast<int64_t>(t.numel() * t.element_size());
        TORCH_CHECK(nbytes == expected, "buffer holds ", nbytes, " bytes but the tensor has ", expected);
        TORCH_CHECK(expected == 0 || data != nullptr, "buffer is null");
        if (expected > 0) {
            std::memcpy(t.data_ptr(), data, static_cast<size_t>(expected));
        }
    });
}

// A copy on the device that may still be in flight when this returns (non_blocking=True): from pinned memory the
// copy is queued on the current stream, and later work on that stream sees the data.
RS_EXPORT at::Tensor* rs_transfer_to_async(at::Tensor* tensor, int device_type, int device_index) {
    return rs::tensor([&] {
        auto& t = rs::deref(tensor, "tensor");
        return t.to(rs::device(device_type, device_index), t.scalar_type(), /*non_blocking=*/true, /*copy=*/false);
    });
}

// 1 when the tensor lives in page-locked host memory, 0 otherwise.
RS_EXPORT int rs_transfer_is_pinned(at::Tensor* tensor) {
    return rs::guard(-1, [&] { return rs::deref(tensor, "tensor").is_pinned() ? 1 : 0; });
}
