// Elementwise arithmetic, comparisons, reductions and selection. Families of ops share one export with an op
// code (the codes match the C# enums BinaryOp, UnaryOp and ReduceOp) so that adding an op is one case, not one
// export and one binding.
#include <cmath>

#include <ATen/ScalarOps.h>

#include "rs_tensor.h"

namespace {

enum BinaryOp {
    kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kPow = 4, kMaximum = 5, kMinimum = 6, kEq = 7, kNe = 8, kLt = 9,
    kLe = 10, kGt = 11, kGe = 12, kLogicalAnd = 13, kLogicalOr = 14, kRemainder = 15
};

enum UnaryOp {
    kNeg = 0, kExp = 1, kLog = 2, kSqrt = 3, kAbs = 4, kSigmoid = 5, kTanh = 6, kFloor = 7, kCeil = 8,
    kRound = 9, kSign = 10, kLogicalNot = 11, kSquare = 12, kRsqrt = 13, kSin = 14, kCos = 15, kReciprocal = 16
};

enum ReduceOp { kSum = 0, kMean = 1, kMax = 2, kMin = 3, kProd = 4, kAll = 5, kAny = 6 };

template <typename Other>
at::Tensor binary(const at::Tensor& a, const Other& b, int op) {
    switch (op) {
        case kAdd: return at::add(a, b);
        case kSub: return at::sub(a, b);
        case kMul: return at::mul(a, b);
        case kDiv: return at::div(a, b);
        case kPow: return at::pow(a, b);
        case kEq: return at::eq(a, b);
        case kNe: return at::ne(a, b);
        case kLt: return at::lt(a, b);
        case kLe: return at::le(a, b);
        case kGt: return at::gt(a, b);
        case kGe: return at::ge(a, b);
        case kRemainder: return at::remainder(a, b);
        default: throw std::invalid_argument("unsupported binary op code " + std::to_string(op));
    }
}

// Ops that exist only between two tensors.
at::Tensor tensor_only(const at::Tensor& a, const at::Tensor& b, int op) {
    switch (op) {
        case kMaximum: return at::maximum(a, b);
        case kMinimum: return at::minimum(a, b);
        case kLogicalAnd: return at::logical_and(a, b);
        case kLogicalOr: return at::logical_or(a, b);
        default: return binary(a, b, op);
    }
}

template <typename Other>
void binary_(at::Tensor& a, const Other& b, int op) {
    switch (op) {
        case kAdd: a.add_(b); return;
        case kSub: a.sub_(b); return;
        case kMul: a.mul_(b); return;
        case kDiv: a.div_(b); return;
        case kPow: a.pow_(b); return;
        case kRemainder: a.remainder_(b); return;
        default: throw std::invalid_argument("unsupported in-place binary op code " + std::to_string(op));
    }
}

at::Tensor unary(const at::Tensor& a, int op) {
    switch (op) {
        case kNeg: return at::neg(a);
        case kExp: return at::exp(a);
        case kLog: return at::log(a);
        case kSqrt: return at::sqrt(a);
        case kAbs: return at::abs(a);
        case kSigmoid: return at::sigmoid(a);
        case kTanh: return at::tanh(a);
        case kFloor: return at::floor(a);
        case kCeil: return at::ceil(a);
        case kRound: return at::round(a);
        case kSign: return at::sign(a);
        case kLogicalNot: return at::logical_not(a);
        case kSquare: return at::square(a);
        case kRsqrt: return at::rsqrt(a);
        case kSin: return at::sin(a);
        case kCos: return at::cos(a);
        case kReciprocal: return at::reciprocal(a);
        default: throw std::invalid_argument("unsupported unary op code " + std::to_string(op));
    }
}

at::Tensor reduce_all(const at::Tensor& a, int op) {
    switch (op) {
        case kSum: return a.sum();
        case kMean: return a.mean();
        case kMax: return a.max();
        case kMin: return a.min();
        case kProd: return a.prod();
        case kAll: return a.all();
        case kAny: return a.any();
        default: throw std::invalid_argument("unsupported reduction op code " + std::to_string(op));
    }
}

at::Tensor reduce_dims(const at::Tensor& a, int op, at::IntArrayRef dims, bool keepdim) {
    switch (op) {
        case kSum: return a.sum(dims, keepdim);
        case kMean: return a.mean(dims, keepdim);
        case kMax: return at::amax(a, dims, keepdim);
        case kMin: return at::amin(a, dims, keepdim);
        default:
            TORCH_CHECK(dims.size() == 1, "this reduction takes exactly one dimension");
            switch (op) {
                case kProd: return a.prod(dims[0], keepdim);
                case kAll: return a.all(dims[0], keepdim);
                case kAny: return a.any(dims[0], keepdim);
                default: throw std::invalid_argument("unsupported reduction op code " + std::to_string(op));
            }
    }
}

// A Python number as PyTorch sees it: integral values stay integers, so that an integer tensor's add_(1) works.
at::Scalar number(const at::Tensor& t, double value) {
    if (!at::isFloatingType(t.scalar_type()) && std::floor(value) == value && std::abs(value) < 9.0e15) {
        return at::Scalar(static_cast<int64_t>(value));
    }
    return at::Scalar(value);
}

}  // namespace

// a op b with broadcasting (type promotion as in PyTorch).
RS_EXPORT at::Tensor* rs_math_binary(at::Tensor* a, at::Tensor* b, int op) {
    return rs::tensor([&] { return tensor_only(rs::deref(a, "a"), rs::deref(b, "b"), op); });
}

// a op b for a scalar b.
RS_EXPORT at::Tensor* rs_math_binary_scalar(at::Tensor* a, double b, int op) {
    return rs::tensor([&] {
        auto& t = rs::deref(a, "a");
        return binary(t, number(t, b), op);
    });
}

// b op a for a scalar b (for example 1 - t).
RS_EXPORT at::Tensor* rs_math_scalar_binary(double b, at::Tensor* a, int op) {
    return rs::tensor([&] {
        auto& t = rs::deref(a, "a");
        // A wrapped number takes part in type promotion as a Python scalar does (1.5 - int tensor is float32).
        auto scalar = at::scalar_to_tensor(b, t.device());
        scalar.unsafeGetTensorImpl()->set_wrapped_number(true);
        return tensor_only(scalar, t, op);
    });
}

RS_EXPORT int rs_math_binary_(at::Tensor* a, at::Tensor* b, int op) {
    return rs::guard_status([&] { binary_(rs::deref(a, "a"), rs::deref(b, "b"), op); });
}

RS_EXPORT int rs_math_binary_scalar_(at::Tensor* a, double b, int op) {
    return rs::guard_status([&] {
        auto& t = rs::deref(a, "a");
        binary_(t, number(t, b), op);
    });
}

// a + alpha * b in place (torch.Tensor.add_ with alpha).
RS_EXPORT int rs_math_add_scaled_(at::Tensor* a, at::Tensor* b, double alpha) {
    return rs::guard_status([&] { rs::deref(a, "a").add_(rs::deref(b, "b"), alpha); });
}

RS_EXPORT at::Tensor* rs_math_unary(at::Tensor* a, int op) {
    return rs::tensor([&] { return unary(rs::deref(a, "a"), op); });
}

// Reduces over dims (all dimensions when ndims is 0, giving a zero-dimensional tensor).
RS_EXPORT at::Tensor* rs_math_reduce(at::Tensor* a, int op, const int64_t* dims, int ndims, int keepdim) {
    return rs::tensor([&] {
        auto& t = rs::deref(a, "a");
        if (ndims == 0) {
            return reduce_all(t, op);
        }
        return reduce_dims(t, op, rs::ints(dims, ndims, "dims"), keepdim != 0);
    });
}

// Index of the largest value along dim (of the flattened tensor when flat is nonzero).
RS_EXPORT at::Tensor* rs_math_argmax(at::Tensor* a, int64_t dim, int flat, int keepdim) {
    return rs::tensor([&] {
        auto& t = rs::deref(a, "a");
        return flat != 0 ? at::argmax(t) : at::argmax(t, dim, keepdim != 0);
    });
}

RS_EXPORT at::Tensor* rs_math_argmin(at::Tensor* a, int64_t dim, int flat, int keepdim) {
    return rs::tensor([&] {
        auto& t = rs::deref(a, "a");
        return flat != 0 ? at::argmin(t) : at::argmin(t, dim, keepdim != 0);
    });
}

// condition ? a : b elementwise (torch.where).
RS_EXPORT at::Tensor* rs_math_where(at::Tensor* condition, at::Tensor* a, at::Tensor* b) {
    return rs::tensor([&] { return at::where(rs::deref(condition, "condition"), rs::deref(a, "a"), rs::deref(b, "b")); });
}

// Limits values to [min, max]; a bound is left open when its has_ flag is 0.
RS_EXPORT at::Tensor* rs_math_clamp(at::Tensor* a, double min, int has_min, double max, int has_max) {
    return rs::tensor([&] {
        TORCH_CHECK(has_min != 0 || has_max != 0, "clamp needs a minimum or a maximum");
        return at::clamp(rs::deref(a, "a"), has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                         has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
    });
}

RS_EXPORT int rs_math_clamp_(at::Tensor* a, double min, int has_min, double max, int has_max) {
    return rs::guard_status([&] {
        TORCH_CHECK(has_min != 0 || has_max != 0, "clamp needs a minimum or a maximum");
        rs::deref(a, "a").clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                                 has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
    });
}

RS_EXPORT at::Tensor* rs_math_matmul(at::Tensor* a, at::Tensor* b) {
    return rs::tensor([&] { return at::matmul(rs::deref(a, "a"), rs::deref(b, "b")); });
}

// True when every pair of elements satisfies |a - b| <= atol + rtol * |b| (torch.allclose).
RS_EXPORT int rs_math_allclose(at::Tensor* a, at::Tensor* b, double rtol, double atol) {
    return rs::guard(-1, [&] { return at::allclose(rs::deref(a, "a"), rs::deref(b, "b"), rtol, atol) ? 1 : 0; });
}
