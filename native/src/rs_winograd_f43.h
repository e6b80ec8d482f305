// RootSeg's own Winograd F(4x4, 3x3) transforms (rs_winograd_f43.cpp), for processors on which oneDNN 2.x has no
// Winograd kernel (AVX2 without AVX-512). rs_winograd.cpp runs them with oneDNN's GEMM between them. No torch
// header here: the kernels are compiled for AVX2 and FMA, and inline library code compiled that way must not leak
// into the rest of the shim, which runs on every x86-64 processor.
//
// Layouts: the input of one image is channels-first, x[channel][row][column]; the Winograd domain of a band of
// tile rows is v[position][tile][channel] (36 positions, tiles in row-major order), so that each position is one
// (tiles x channels) matrix; the products are m[position][tile][out channel]; the output of one image is
// channels-first, y[out channel][row][column]. Channel counts are multiples of 8.
#pragma once

#include <cstdint>

namespace rs::f43 {

constexpr int64_t output_tile = 4;  // output pixels per tile side
constexpr int64_t positions = 36;   // 6 x 6 values per tile in the Winograd domain
constexpr int64_t channel_block = 8;

// Whether this processor runs the kernels (AVX2 and FMA).
bool supported();

// u[position][channel][out channel] = (G w G^T)[position] for w[out channel][channel][3][3], in double, rounded once.
void transform_weights(const float* w, int64_t out_channels, int64_t channels, float* u);

// The tiles of tile rows [first_row, end_row) of one image, every tile column, into v (see above). Pixels beyond
// the image count as zero; they only reach outputs beyond its valid convolution, which are never stored.
void transform_input(const float* x, int64_t height, int64_t width, int64_t channels, int64_t first_row,
                     int64_t end_row, int64_t tiles_across, float* v);

// The products m of the same band back to output pixels, plus bias (null for none), into the image's output
// y[out channel][row][column] of out_height x out_width, clipped at its edges.
void transform_output(const float* m, int64_t out_channels, int64_t out_height, int64_t out_width,
                      int64_t first_row, int64_t end_row, int64_t tiles_across, const float* bias, float* y);

}  // namespace rs::f43
