// Winograd F(4x4, 3x3) transforms (Lavin and Gray 2016, "Fast algorithms for convolutional neural networks",
// doi:10.1109/CVPR.2016.435): a 4x4 output tile of a 3x3 valid convolution is A^T [(G g G^T) * (B^T d B)] A for
// the 6x6 input patch d at its corner, with the interpolation points 0, 1, -1, 2, -2 and infinity. The element-wise
// products summed over input channels are 36 matrix products (rs_winograd.cpp), a quarter of the direct
// convolution's multiplications; these transforms are the rest, eight channels per AVX2 vector.
#include "rs_winograd_f43.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>

// The kernels below and the two entry points that run them are compiled for AVX2 and FMA.
#define RS_AVX2 __attribute__((target("avx2,fma")))

namespace rs::f43 {
namespace {

typedef float v8 __attribute__((vector_size(32)));

RS_AVX2 inline v8 load(const float* p) {
    v8 value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

RS_AVX2 inline void store(float* p, v8 value) { std::memcpy(p, &value, sizeof value); }

// B^T applied to six values along one axis of the input patch.
struct InputRows {
    v8 r[6];
};

RS_AVX2 inline InputRows input_1d(v8 d0, v8 d1, v8 d2, v8 d3, v8 d4, v8 d5) {
    return InputRows{{4.0f * d0 - 5.0f * d2 + d4,
                      d3 + d4 - 4.0f * (d1 + d2),
                      d4 - d3 + 4.0f * (d1 - d2),
                      d4 - d2 + 2.0f * (d3 - d1),
                      d4 - d2 + 2.0f * (d1 - d3),
                      4.0f * d1 - 5.0f * d3 + d5}};
}

// A^T applied to six values along one axis of the products.
struct OutputRows {
    v8 r[4];
};

RS_AVX2 inline OutputRows output_1d(v8 m0, v8 m1, v8 m2, v8 m3, v8 m4, v8 m5) {
    auto plus = m1 + m2, minus = m1 - m2, plus34 = m3 + m4, minus34 = m3 - m4;
    return OutputRows{{m0 + plus + plus34, minus + 2.0f * minus34, plus + 4.0f * plus34, minus + 8.0f * minus34 + m5}};
}

// One tile and eight channels: the 6x6 patch d (channel vectors) into v at stride position_stride per position.
RS_AVX2 void input_tile(const v8 (&d)[6][6], float* v, int64_t position_stride) {
    v8 t[6][6];
    for (int j = 0; j < 6; j++) {
        auto column = input_1d(d[0][j], d[1][j], d[2][j], d[3][j], d[4][j], d[5][j]);
        for (int i = 0; i < 6; i++) t[i][j] = column.r[i];
    }
    for (int i = 0; i < 6; i++) {
        auto row = input_1d(t[i][0], t[i][1], t[i][2], t[i][3], t[i][4], t[i][5]);
        for (int j = 0; j < 6; j++) store(v + (i * 6 + j) * position_stride, row.r[j]);
    }
}

// Eight channels' rows of eight floats (channel c at rows[c]) turned into eight channel vectors, one per column.
RS_AVX2 inline void transpose8(const __m256 (&rows)[8], v8 (&columns)[8]) {
    __m256 a[8], b[8];
    for (int i = 0; i < 8; i += 2) {
        a[i] = _mm256_unpacklo_ps(rows[i], rows[i + 1]);
        a[i + 1] = _mm256_unpackhi_ps(rows[i], rows[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        b[i] = _mm256_shuffle_ps(a[i], a[i + 2], 0x44);
        b[i + 1] = _mm256_shuffle_ps(a[i], a[i + 2], 0xEE);
        b[i + 2] = _mm256_shuffle_ps(a[i + 1], a[i + 3], 0x44);
        b[i + 3] = _mm256_shuffle_ps(a[i + 1], a[i + 3], 0xEE);
    }
    for (int i = 0; i < 4; i++) {
        columns[i] = (v8)_mm256_permute2f128_ps(b[i], b[i + 4], 0x20);
        columns[i + 4] = (v8)_mm256_permute2f128_ps(b[i], b[i + 4], 0x31);
    }
}

// Row i of a 4x4 output tile for eight channels (four channel vectors, one per column) into the eight channel
// planes at target (channel plane stride apart), as four-float rows.
RS_AVX2 inline void store_row(const v8 (&row)[4], float* target, int64_t plane) {
    __m256 a0 = _mm256_unpacklo_ps((__m256)row[0], (__m256)row[1]);
    __m256 a1 = _mm256_unpackhi_ps((__m256)row[0], (__m256)row[1]);
    __m256 a2 = _mm256_unpacklo_ps((__m256)row[2], (__m256)row[3]);
    __m256 a3 = _mm256_unpackhi_ps((__m256)row[2], (__m256)row[3]);
    __m256 c04 = _mm256_shuffle_ps(a0, a2, 0x44), c15 = _mm256_shuffle_ps(a0, a2, 0xEE);
    __m256 c26 = _mm256_shuffle_ps(a1, a3, 0x44), c37 = _mm256_shuffle_ps(a1, a3, 0xEE);
    _mm_storeu_ps(target, _mm256_castps256_ps128(c04));
    _mm_storeu_ps(target + plane, _mm256_castps256_ps128(c15));
    _mm_storeu_ps(target + 2 * plane, _mm256_castps256_ps128(c26));
    _mm_storeu_ps(target + 3 * plane, _mm256_castps256_ps128(c37));
    _mm_storeu_ps(target + 4 * plane, _mm256_extractf128_ps(c04, 1));
    _mm_storeu_ps(target + 5 * plane, _mm256_extractf128_ps(c15, 1));
    _mm_storeu_ps(target + 6 * plane, _mm256_extractf128_ps(c26, 1));
    _mm_storeu_ps(target + 7 * plane, _mm256_extractf128_ps(c37, 1));
}

}  // namespace

RS_AVX2 void transform_input(const float* x, int64_t height, int64_t width, int64_t channels,
                     int64_t first_row, int64_t end_row, int64_t tiles_across, float* v) {
    const int64_t tiles = (end_row - first_row) * tiles_across;
    const int64_t position_stride = tiles * channels;
    const int64_t plane = height * width;
    for (int64_t c = 0; c < channels; c += channel_block) {
        const float* block = x + c * plane;
        for (int64_t tile_row = first_row; tile_row < end_row; tile_row++) {
            const int64_t top = tile_row * output_tile;
            const int64_t rows = std::min<int64_t>(6, height - top);
            for (int64_t tile_column = 0; tile_column < tiles_across; tile_column++) {
                const int64_t left = tile_column * output_tile;
                const int64_t tile = (tile_row - first_row) * tiles_across + tile_column;
                v8 d[6][6];
                for (int i = 0; i < 6; i++) {
                    v8 columns[8];
                    if (i < rows && left + 8 <= width) {
                        __m256 lines[8];
                        for (int ch = 0; ch < 8; ch++) {
                            lines[ch] = _mm256_loadu_ps(block + ch * plane + (top + i) * width + left);
                        }
                        transpose8(lines, columns);
                    } else {
                        // The image's right or bottom edge: what lies beyond counts as zero.
                        for (int j = 0; j < 8; j++) columns[j] = v8{};
                        for (int64_t j = 0; i < rows && j < std::min<int64_t>(8, width - left); j++) {
                            for (int ch = 0; ch < 8; ch++) columns[j][ch] = block[ch * plane + (top + i) * width + left + j];
                        }
                    }
                    for (int j = 0; j < 6; j++) d[i][j] = columns[j];
                }
                input_tile(d, v + tile * channels + c, position_stride);
            }
        }
    }
}

RS_AVX2 void transform_output(const float* m, int64_t out_channels, int64_t out_height, int64_t out_width,
                              int64_t first_row, int64_t end_row, int64_t tiles_across, const float* bias, float* y) {
    const int64_t tiles = (end_row - first_row) * tiles_across;
    const int64_t position_stride = tiles * out_channels;
    const int64_t plane = out_height * out_width;
    for (int64_t k = 0; k < out_channels; k += channel_block) {
        const v8 offset = bias != nullptr ? load(bias + k) : v8{};
        for (int64_t tile_row = first_row; tile_row < end_row; tile_row++) {
            const int64_t top = tile_row * output_tile;
            const int64_t rows = std::min<int64_t>(output_tile, out_height - top);
            for (int64_t tile_column = 0; tile_column < tiles_across; tile_column++) {
                const int64_t left = tile_column * output_tile;
                const int64_t columns = std::min<int64_t>(output_tile, out_width - left);
                const float* products = m + ((tile_row - first_row) * tiles_across + tile_column) * out_channels + k;
                v8 s[4][6];
                for (int j = 0; j < 6; j++) {
                    v8 c[6];
                    for (int i = 0; i < 6; i++) c[i] = load(products + (i * 6 + j) * position_stride);
                    auto column = output_1d(c[0], c[1], c[2], c[3], c[4], c[5]);
                    for (int i = 0; i < 4; i++) s[i][j] = column.r[i];
                }
                float* target = y + k * plane + top * out_width + left;
                for (int i = 0; i < rows; i++) {
                    auto result = output_1d(s[i][0], s[i][1], s[i][2], s[i][3], s[i][4], s[i][5]);
                    v8 row[4];
                    for (int j = 0; j < 4; j++) row[j] = result.r[j] + offset;
                    if (columns == output_tile) {
                        store_row(row, target + i * out_width, plane);
                    } else {
                        // The image's right edge: only the columns inside it.
                        for (int ch = 0; ch < 8; ch++) {
                            for (int64_t j = 0; j < columns; j++) target[ch * plane + i * out_width + j] = row[j][ch];
                        }
                    }
                }
            }
        }
    }
}

bool supported() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

void transform_weights(const float* w, int64_t out_channels, int64_t channels, float* u) {
    static const double g[6][3] = {{1.0 / 4, 0, 0},
                                   {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                   {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                   {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                   {1.0 / 24, -1.0 / 12, 1.0 / 6},
                                   {0, 0, 1}};
    for (int64_t k = 0; k < out_channels; k++) {
        for (int64_t c = 0; c < channels; c++) {
            const float* kernel = w + (k * channels + c) * 9;
            double half[6][3];  // G w
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 3; j++) {
                    half[i][j] = g[i][0] * kernel[j] + g[i][1] * kernel[3 + j] + g[i][2] * kernel[6 + j];
                }
            }
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    double value = half[i][0] * g[j][0] + half[i][1] * g[j][1] + half[i][2] * g[j][2];
                    u[((i * 6 + j) * channels + c) * out_channels + k] = static_cast<float>(value);
                }
            }
        }
    }
}

}  // namespace rs::f43
