// Devices: CUDA availability, count and names, the cuDNN benchmark switch, synchronisation, manual seeds.
// Names come from the CUDA driver API loaded at run time, so the same source builds against CPU-only libtorch.
#include <dlfcn.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include <c10/core/impl/DeviceGuardImplInterface.h>

#include "rs_tensor.h"

namespace {

// The name of CUDA device ordinal (as the driver sees it), through libcuda's cuDeviceGet and cuDeviceGetName.
std::string driver_device_name(int ordinal) {
    void* cuda = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (cuda == nullptr) {
        cuda = dlopen("libcuda.so.1", RTLD_NOW);
    }
    TORCH_CHECK(cuda != nullptr, "the CUDA driver library libcuda.so.1 cannot be loaded");
    using Init = int (*)(unsigned int);
    using Get = int (*)(int*, int);
    using Name = int (*)(char*, int, int);
    auto init = reinterpret_cast<Init>(dlsym(cuda, "cuInit"));
    auto get = reinterpret_cast<Get>(dlsym(cuda, "cuDeviceGet"));
    auto name = reinterpret_cast<Name>(dlsym(cuda, "cuDeviceGetName"));
    TORCH_CHECK(init && get && name, "libcuda.so.1 lacks cuInit, cuDeviceGet or cuDeviceGetName");
    int device = 0;
    char buffer[256] = {0};
    TORCH_CHECK(init(0) == 0 && get(&device, ordinal) == 0 && name(buffer, sizeof buffer - 1, device) == 0,
                "the CUDA driver gave no name for device ", ordinal);
    return std::string(buffer);
}

thread_local std::string name_buffer;

}  // namespace

RS_EXPORT int rs_device_cuda_available() { return rs::guard(0, [] { return torch::cuda::is_available() ? 1 : 0; }); }

RS_EXPORT int rs_device_cuda_count() {
    return rs::guard(-1, [] { return static_cast<int>(torch::cuda::device_count()); });
}

RS_EXPORT int rs_device_cudnn_available() {
    return rs::guard(0, [] { return torch::cuda::cudnn_is_available() ? 1 : 0; });
}

// The device's name, valid until the next call on this thread; null on failure.
RS_EXPORT const char* rs_device_cuda_name(int index) {
    return rs::guard<const char*>(nullptr, [&] {
        auto count = static_cast<int>(torch::cuda::device_count());
        TORCH_CHECK(index >= 0 && index < count, "CUDA device ", index, " does not exist (", count, " devices)");
        name_buffer = driver_device_name(index);
        return name_buffer.c_str();
    });
}

// cudnn.benchmark: let cuDNN time its algorithms for each new input shape and keep the fastest.
RS_EXPORT int rs_device_set_cudnn_benchmark(int enabled) {
    return rs::guard_status([&] { at::globalContext().setBenchmarkCuDNN(enabled != 0); });
}

RS_EXPORT int rs_device_cudnn_benchmark() {
    return rs::guard(-1, [] { return at::globalContext().benchmarkCuDNN() ? 1 : 0; });
}

// Waits for all work queued on a CUDA device (index -1: the current one).
RS_EXPORT int rs_device_synchronize(int index) {
    return rs::guard_status([&] {
        TORCH_CHECK(torch::cuda::is_available(), "CUDA is not available");
        torch::cuda::synchronize(index);
    });
}

// Seeds the default generators of the CPU and of every CUDA device (torch.manual_seed).
RS_EXPORT int rs_device_manual_seed(uint64_t seed) {
    return rs::guard_status([&] { torch::manual_seed(seed); });
}

namespace rs {

// c10 registers CUDA's device guard when libtorch_cuda is loaded, with or without a driver; a CPU-only libtorch has
// none. (at::hasCUDA is false in both cases when no GPU is visible, so it cannot tell them apart.)
bool cuda_built() { return c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA); }

void require_cuda(int index) {
    if (!cuda_built()) {
        throw std::runtime_error(
            "this RootSeg was built against a libtorch without CUDA; see scripts/gpu/README.md");
    }
    const auto count = static_cast<int>(torch::cuda::device_count());
    if (count == 0) {
        throw std::runtime_error("no CUDA driver/device found (libtorch has CUDA, but no GPU is visible)");
    }
    if (index >= count) {
        throw std::runtime_error("CUDA device " + std::to_string(index) + " does not exist (" +
                                 std::to_string(count) + " devices)");
    }
}

}  // namespace rs

// 0 when CUDA devices can be used; otherwise -1 with the one-line reason (no CUDA in the libtorch, no driver or
// device, no such index) in rs_last_error.
RS_EXPORT int rs_device_check_cuda(int index) {
    return rs::guard_status([&] { rs::require_cuda(index); });
}

// 1 when the shim's libtorch was built with CUDA (whether or not a driver and device are present).
RS_EXPORT int rs_device_cuda_built() {
    return rs::guard(-1, [] { return rs::cuda_built() ? 1 : 0; });
}
