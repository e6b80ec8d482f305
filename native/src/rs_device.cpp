// Devices: CUDA availability, count and names, the cuDNN benchmark switch, synchronisation, manual seeds.
// Names come from the CUDA driver API loaded at run time, so the same source builds against CPU-only libtorch.
#include <dlfcn.h>

#include <cstring>
#include <string>

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
