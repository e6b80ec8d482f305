namespace RootSeg.Torch;

// Op codes shared with rs_math.cpp; the numbers are the contract.
internal enum BinaryOp
{
    Add = 0, Sub = 1, Mul = 2, Div = 3, Pow = 4, Maximum = 5, Minimum = 6, Eq = 7, Ne = 8, Lt = 9, Le = 10, Gt = 11,
    Ge = 12, LogicalAnd = 13, LogicalOr = 14, Remainder = 15,
}

internal enum UnaryOp
{
    Neg = 0, Exp = 1, Log = 2, Sqrt = 3, Abs = 4, Sigmoid = 5, Tanh = 6, Floor = 7, Ceil = 8, Round = 9, Sign = 10,
    LogicalNot = 11, Square = 12, Rsqrt = 13, Sin = 14, Cos = 15, Reciprocal = 16,
}

internal enum ReduceOp
{
    Sum = 0, Mean = 1, Max = 2, Min = 3, Prod = 4, All = 5, Any = 6,
}
