// Autocast scopes (torch.autocast): inside one, libtorch runs the ops it lists for lower precision (convolutions,
// matrix products) in bfloat16 or float16 and the ops that need range (normalisation, softmax, losses) in float32.
// The state is per thread, like the grad mode. libtorch 2.4 replaced the per-device functions by ones that take a
// device type; both are spelt here so that the shim builds against Debian's 1.13 and a current pip PyTorch.
#include <ATen/autocast_mode.h>

#include "rs_autocast.h"
#include "rs_tensor.h"

namespace {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool enabled(at::DeviceType type) { return at::autocast::is_autocast_enabled(type); }
void set_enabled(at::DeviceType type, bool on) { at::autocast::set_autocast_enabled(type, on); }
at::ScalarType dtype(at::DeviceType type) { return at::autocast::get_autocast_dtype(type); }
void set_dtype(at::DeviceType type, at::ScalarType value) { at::autocast::set_autocast_dtype(type, value); }
#else
bool enabled(at::DeviceType type) {
    return type == at::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
void set_enabled(at::DeviceType type, bool on) {
    type == at::kCUDA ? at::autocast::set_enabled(on) : at::autocast::set_cpu_enabled(on);
}
at::ScalarType dtype(at::DeviceType type) {
    return type == at::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
void set_dtype(at::DeviceType type, at::ScalarType value) {
    type == at::kCUDA ? at::autocast::set_autocast_gpu_dtype(value) : at::autocast::set_autocast_cpu_dtype(value);
}
#endif

at::DeviceType device_type(int code) {
    TORCH_CHECK(code == static_cast<int>(at::kCPU) || code == static_cast<int>(at::kCUDA),
                "autocast supports the CPU and CUDA, not device type code ", code);
    return static_cast<at::DeviceType>(code);
}

}  // namespace

namespace rs {

bool cpu_autocast_enabled() { return enabled(at::kCPU); }

}  // namespace rs

// Enters an autocast scope for the device type with the given lower-precision type (bfloat16 or float16; the CPU
// takes bfloat16 only). Writes what was in force before (enabled 0/1, scalar type code) for rs_autocast_exit.
RS_EXPORT int rs_autocast_enter(int device_code, int dtype_code, int* previous_enabled, int* previous_dtype) {
    return rs::guard_status([&] {
        TORCH_CHECK(previous_enabled != nullptr && previous_dtype != nullptr, "previous state pointers are null");
        auto type = device_type(device_code);
        auto lower = rs::scalar_type(dtype_code);
        TORCH_CHECK(lower == at::kBFloat16 || (lower == at::kHalf && type == at::kCUDA),
                    "autocast on ", type, " supports ", type == at::kCUDA ? "bfloat16 and float16" : "bfloat16",
                    ", not ", lower);
        if (type == at::kCUDA) {
            rs::require_cuda(-1);
        }
        *previous_enabled = enabled(type) ? 1 : 0;
        *previous_dtype = static_cast<int>(dtype(type));
        set_enabled(type, true);
        set_dtype(type, lower);
        at::autocast::increment_nesting();
    });
}

// Leaves a scope entered by rs_autocast_enter, restoring the state it wrote; the outermost exit drops the cache of
// lower-precision weight copies.
RS_EXPORT int rs_autocast_exit(int device_code, int previous_enabled, int previous_dtype) {
    return rs::guard_status([&] {
        auto type = device_type(device_code);
        if (at::autocast::decrement_nesting() == 0) {
            at::autocast::clear_cache();
        }
        set_enabled(type, previous_enabled != 0);
        set_dtype(type, rs::scalar_type(previous_dtype));
    });
}

// 1 when autocast is on for the device type on this thread, 0 when off, -1 on failure.
RS_EXPORT int rs_autocast_is_enabled(int device_code) {
    return rs::guard(-1, [&] { return enabled(device_type(device_code)) ? 1 : 0; });
}
