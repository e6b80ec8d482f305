// Winograd convolution for CPU inference (rs_winograd.cpp): used by rs_nn_conv2d when it applies.
#pragma once

#include <torch/torch.h>

#include "rs_common.h"

namespace rs {

void set_winograd_enabled(bool on);
// Frees the packed weights of tensors that only the cache still holds.
void release_winograd_weights();
bool winograd_enabled();
// Whether the shim was built with oneDNN's headers (RS_HAVE_DNNL); without them nothing is ever Winograd.
bool winograd_compiled();
// Whether this processor runs Winograd convolutions: oneDNN's kernel (AVX-512 in oneDNN 2.x) or the own one (AVX2
// and FMA).
bool winograd_kernels_available();

// The convolution through oneDNN's Winograd kernels, or where oneDNN has none for the shape the own ones (channels
// multiples of 8), when it applies: on, no gradient wanted, float CPU tensors, a 3x3 kernel, stride 1, no padding
// or dilation, one group, at least 64 channels in and out. Otherwise
// nullopt, and the caller runs the direct convolution.
c10::optional<at::Tensor> try_winograd_conv2d(const at::Tensor& input, const at::Tensor& weight,
                                              const c10::optional<at::Tensor>& bias, at::IntArrayRef stride,
                                              at::IntArrayRef padding, at::IntArrayRef dilation, int64_t groups);

}  // namespace rs
