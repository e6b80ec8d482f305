// Shared by every shim source: the export macro and the guard that keeps C++ exceptions on this side.
#pragma once

#include <exception>
#include <string>

#define RS_EXPORT extern "C" __attribute__((visibility("default")))

namespace rs {

// Stores the message of the last failure on this thread (read by C# through rs_last_error).
void set_last_error(const std::string& message);
void clear_last_error();

// Runs body and returns its value; on any exception stores the message and returns fallback.
template <typename T, typename F>
T guard(T fallback, F&& body) {
    try {
        clear_last_error();
        return body();
    } catch (const std::exception& e) {
        set_last_error(e.what());
    } catch (...) {
        set_last_error("unknown native error");
    }
    return fallback;
}

// For exports that return nothing: 0 on success, -1 on failure (message in rs_last_error).
template <typename F>
int guard_status(F&& body) {
    return guard(-1, [&] {
        body();
        return 0;
    });
}

}  // namespace rs
