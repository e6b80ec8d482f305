// Random number generators that live on a device, and the draws that take one. A generator seeded by C# makes the
// same numbers on every run on the same device, without touching the device's default generator (which seeds
// weight initialisation) and without drawing on the CPU and copying, which would starve a GPU of augmentation.
#include <mutex>

#include <ATen/CPUGeneratorImpl.h>

#include "rs_tensor.h"

namespace {

at::Generator& deref_generator(at::Generator* generator) {
    TORCH_CHECK(generator != nullptr, "generator is a null handle");
    return *generator;
}

at::TensorOptions float_options(const at::Generator& generator, int dtype) {
    auto type = rs::scalar_type(dtype);
    TORCH_CHECK(at::isFloatingType(type), "random draws need a floating-point type, got ", type);
    return at::TensorOptions().dtype(type).device(generator.device());
}

}  // namespace

// A new generator on the device, seeded. CUDA generators are cloned from the device's default one (so that no CUDA
// header is needed here) and then reseeded, which also resets their Philox offset.
RS_EXPORT at::Generator* rs_random_generator_create(int device_type, int device_index, uint64_t seed) {
    return rs::guard<at::Generator*>(nullptr, [&] {
        auto device = rs::device(device_type, device_index);
        at::Generator generator;
        if (device.is_cpu()) {
            generator = at::detail::createCPUGenerator(seed);
        } else {
            auto& fallback = at::globalContext().defaultGenerator(device);
            std::lock_guard<std::mutex> lock(const_cast<at::Generator&>(fallback).mutex());
            generator = fallback.clone();
        }
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_current_seed(seed);
        return new at::Generator(std::move(generator));
    });
}

RS_EXPORT void rs_random_generator_dispose(at::Generator* generator) { delete generator; }

// Restarts the generator's sequence from seed.
RS_EXPORT int rs_random_generator_seed_(at::Generator* generator, uint64_t seed) {
    return rs::guard_status([&] {
        auto& g = deref_generator(generator);
        std::lock_guard<std::mutex> lock(g.mutex());
        g.set_current_seed(seed);
    });
}

// Uniform values in [0, 1) on the generator's device (torch.rand(..., generator=g)).
RS_EXPORT at::Tensor* rs_random_rand(at::Generator* generator, const int64_t* shape, int ndim, int dtype) {
    return rs::tensor([&] {
        auto& g = deref_generator(generator);
        return at::rand(rs::ints(shape, ndim, "shape"), g, float_options(g, dtype));
    });
}

// Standard normal values on the generator's device (torch.randn(..., generator=g)).
RS_EXPORT at::Tensor* rs_random_randn(at::Generator* generator, const int64_t* shape, int ndim, int dtype) {
    return rs::tensor([&] {
        auto& g = deref_generator(generator);
        return at::randn(rs::ints(shape, ndim, "shape"), g, float_options(g, dtype));
    });
}

// 1 with probability p, else 0, elementwise, in p's type (torch.bernoulli(p, generator=g)); p must be on the
// generator's device and hold values in [0, 1].
RS_EXPORT at::Tensor* rs_random_bernoulli(at::Generator* generator, at::Tensor* p) {
    return rs::tensor([&] {
        auto& g = deref_generator(generator);
        auto& probabilities = rs::deref(p, "p");
        TORCH_CHECK(probabilities.device() == g.device(), "p is on ", probabilities.device(), ", the generator on ",
                    g.device());
        return at::bernoulli(probabilities, g);
    });
}
