// Helpers shared by the shim sources that take and return tensors: argument checks and handle wrapping.
#pragma once

#include <stdexcept>
#include <string>

#include <torch/torch.h>

#include "rs_common.h"

namespace rs {

// The tensor behind a handle; a null handle is an argument error, not a crash.
inline at::Tensor& deref(at::Tensor* tensor, const char* name) {
    TORCH_CHECK(tensor != nullptr, name, " is a null tensor handle");
    return *tensor;
}

// An optional tensor argument: a null handle means "none" (for example a convolution without bias).
inline c10::optional<at::Tensor> maybe(at::Tensor* tensor) {
    return tensor != nullptr ? c10::optional<at::Tensor>(*tensor) : c10::nullopt;
}

// A list of n int64 values read from C#; n may be 0 (values may then be null).
inline at::IntArrayRef ints(const int64_t* values, int n, const char* name) {
    TORCH_CHECK(n >= 0 && (n == 0 || values != nullptr), name, ": bad list (", n, " values)");
    return at::IntArrayRef(values, static_cast<size_t>(n));
}

// Only the scalar types the C# ScalarType enum names may cross; their codes are c10's.
inline at::ScalarType scalar_type(int code) {
    switch (code) {
        case static_cast<int>(at::kByte):
        case static_cast<int>(at::kInt):
        case static_cast<int>(at::kLong):
        case static_cast<int>(at::kHalf):
        case static_cast<int>(at::kFloat):
        case static_cast<int>(at::kDouble):
        case static_cast<int>(at::kBool):
        case static_cast<int>(at::kBFloat16):
            return static_cast<at::ScalarType>(code);
        default:
            throw std::invalid_argument("unsupported scalar type code " + std::to_string(code));
    }
}

// One line instead of libtorch's list of backends when a CUDA device cannot be used: the libtorch has no CUDA, the
// driver or device is missing, or the index is beyond the devices (index -1: the current device).
void require_cuda(int index);

// Whether the libtorch the shim runs on was built with CUDA (a driver and device may still be missing).
bool cuda_built();

// Device codes are c10's DeviceType values (0 CPU, 1 CUDA); index -1 means the current CUDA device.
inline at::Device device(int type, int index) {
    TORCH_CHECK(type == static_cast<int>(at::kCPU) || type == static_cast<int>(at::kCUDA),
                "unsupported device type code ", type);
    TORCH_CHECK(index >= -1 && index < 64, "bad device index ", index);
    if (type == static_cast<int>(at::kCPU)) {
        return at::Device(at::kCPU);
    }
    require_cuda(index);
    return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
}

// Runs body, which makes a tensor, and hands C# a heap copy of it (C# owns and frees it); null on failure.
template <typename F>
at::Tensor* tensor(F&& body) {
    return guard<at::Tensor*>(nullptr, [&] {
        at::Tensor result = body();
        TORCH_CHECK(result.defined(), "operation returned an undefined tensor");
        return new at::Tensor(std::move(result));
    });
}

}  // namespace rs
