// What libtorch and oneDNN see of the processor, and a limit that hides AVX-512 from both, so that the paths of a
// processor without AVX-512 (AVX2 only: AMD before Zen 4, Intel's consumer processors since Alder Lake) run on one
// with it. libtorch decides through cpuinfo (for example whether bfloat16 convolutions go to oneDNN or to its own
// kernels, at::native::mkldnn_bf16_device_check: AVX-512 BW, VL and DQ); oneDNN picks its kernels by its own CPUID
// reading, capped by dnnl_set_max_cpu_isa (what ONEDNN_MAX_CPU_ISA sets). Both must be limited before the first
// kernel is made: cpuinfo's answers are read afresh on every call, oneDNN's cap only until its first kernel.
#include <torch/torch.h>

#include "rs_common.h"

#ifdef RS_HAVE_CPUINFO
#include <cpuinfo.h>
#endif
#ifdef RS_HAVE_DNNL
#include <oneapi/dnnl/dnnl.h>
#endif

namespace {

// The limit codes of ProcessorLimit.cs.
constexpr int limit_none = 0;
constexpr int limit_avx2 = 1;

int applied = limit_none;

#ifdef RS_HAVE_CPUINFO
// Clears every AVX-512 flag of cpuinfo's table, which libtorch (and XNNPACK) read through inline functions.
void hide_avx512_from_cpuinfo() {
    TORCH_CHECK(cpuinfo_initialize(), "cpuinfo could not read the processor's features");
    auto& isa = cpuinfo_isa;
    for (bool* flag : {&isa.avx512f, &isa.avx512pf, &isa.avx512er, &isa.avx512cd, &isa.avx512dq, &isa.avx512bw,
                       &isa.avx512vl, &isa.avx512ifma, &isa.avx512vbmi, &isa.avx512vbmi2, &isa.avx512bitalg,
                       &isa.avx512vpopcntdq, &isa.avx512vnni, &isa.avx512bf16, &isa.avx512vp2intersect,
                       &isa.avx512_4vnniw, &isa.avx512_4fmaps}) {
        *flag = false;
    }
}
#endif

}  // namespace

// Hides the instructions above limit (0: none hidden, 1: AVX2, i.e. every AVX-512 extension) from libtorch and
// oneDNN for the rest of the process. Once only, before the first convolution; the same limit again is a no-op.
RS_EXPORT int rs_processor_limit(int limit) {
    return rs::guard_status([&] {
        TORCH_CHECK(limit == limit_none || limit == limit_avx2, "unknown processor limit code ", limit);
        if (limit == applied) {
            return;
        }
        TORCH_CHECK(applied == limit_none, "the processor limit is already set for this process and cannot change");
#if defined(RS_HAVE_CPUINFO) && defined(RS_HAVE_DNNL)
        TORCH_CHECK(dnnl_set_max_cpu_isa(dnnl_cpu_isa_avx2) == dnnl_success,
                    "oneDNN has already made kernels for this processor: the processor limit must be set at start-up, "
                    "before the first convolution");
        hide_avx512_from_cpuinfo();
        applied = limit;
#else
        TORCH_CHECK(false, "this shim cannot hide AVX-512: it was built without the headers of cpuinfo and oneDNN "
                           "(install libcpuinfo-dev and libdnnl-dev and rerun scripts/setup)");
#endif
    });
}

// The limit in force (a code as above).
RS_EXPORT int rs_processor_get_limit() { return rs::guard(-1, [] { return applied; }); }

// 1 when libtorch sees the AVX-512 that its bfloat16 convolutions through oneDNN need (AVX-512 BW, VL and DQ, as
// at::native::mkldnn_bf16_device_check asks cpuinfo), 0 when it does not, -2 when the shim cannot ask cpuinfo.
RS_EXPORT int rs_processor_libtorch_avx512() {
    return rs::guard(-1, [] {
#ifdef RS_HAVE_CPUINFO
        return cpuinfo_initialize() && cpuinfo_has_x86_avx512bw() && cpuinfo_has_x86_avx512vl() &&
                       cpuinfo_has_x86_avx512dq()
                   ? 1
                   : 0;
#else
        return -2;
#endif
    });
}

// The instruction set oneDNN's kernels use (dnnl_cpu_isa_t: 0x7 AVX2, 0x27 AVX-512, 0xe7 AVX-512 with bfloat16,
// 0x3e7 AMX), or -2 when the shim was built without oneDNN's headers. Asking fixes oneDNN's cap: call it only
// after rs_processor_limit.
RS_EXPORT int rs_processor_onednn_isa() {
    return rs::guard(-1, [] {
#ifdef RS_HAVE_DNNL
        return static_cast<int>(dnnl_get_effective_cpu_isa());
#else
        return -2;
#endif
    });
}
