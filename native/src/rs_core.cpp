// Errors, versions and threads: the parts of the shim every other file relies on.
#include <torch/torch.h>

#include "rs_common.h"

namespace {
thread_local std::string last_error;
}

namespace rs {
// c10 appends a C++ backtrace to its messages; C# users need only the first part.
void set_last_error(const std::string& message) {
    auto cut = message.find("\nException raised from");
    last_error = cut == std::string::npos ? message : message.substr(0, cut);
}
void clear_last_error() { last_error.clear(); }
}  // namespace rs

// The message of the last failed call on this thread, or "" when it succeeded. Owned by the shim.
// Not through rs::guard, which would clear the very message asked for.
RS_EXPORT const char* rs_last_error() {
    try {
        return last_error.c_str();
    } catch (...) {
        return "";
    }
}

// PyTorch's version as "major.minor.patch" (from the headers the shim was built with); null on failure.
RS_EXPORT const char* rs_torch_version() {
    return rs::guard<const char*>(nullptr, [] {
        static const std::string version = std::to_string(TORCH_VERSION_MAJOR) + "." +
                                           std::to_string(TORCH_VERSION_MINOR) + "." +
                                           std::to_string(TORCH_VERSION_PATCH);
        return version.c_str();
    });
}

// Sets the intra-op thread count (OpenMP pool shared with OpenBLAS and oneDNN).
RS_EXPORT int rs_set_num_threads(int threads) {
    return rs::guard_status([&] {
        TORCH_CHECK(threads >= 1, "thread count must be at least 1, not ", threads);
        at::set_num_threads(threads);
    });
}

RS_EXPORT int rs_get_num_threads() { return rs::guard(-1, [] { return at::get_num_threads(); }); }

namespace {
thread_local std::string text_buffer;
}

// libtorch's build configuration (at::show_config: compiler, BLAS, oneDNN, OpenMP, CUDA), valid until the next
// call on this thread; null on failure.
RS_EXPORT const char* rs_show_config() {
    return rs::guard<const char*>(nullptr, [] {
        text_buffer = at::show_config();
        return text_buffer.c_str();
    });
}

// libtorch's thread settings (at::get_parallel_info), valid until the next call on this thread; null on failure.
RS_EXPORT const char* rs_parallel_info() {
    return rs::guard<const char*>(nullptr, [] {
        text_buffer = at::get_parallel_info();
        return text_buffer.c_str();
    });
}
