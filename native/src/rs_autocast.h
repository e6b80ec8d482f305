// What rs_nn.cpp needs to know of the autocast state (rs_autocast.cpp).
#pragma once

namespace rs {

// Whether CPU autocast is on for this thread.
bool cpu_autocast_enabled();

}  // namespace rs
