using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RootSeg.Annotate.Server;

/// <summary>
/// Lets a request through only with the server's token, in the <c>token</c> query parameter or the
/// <c>X-RootSeg-Token</c> header, so that other users of the machine cannot read photos or drive the trainer through
/// the local port. The page's script and style sheet (<c>/static/</c>) hold no data and need no token.
/// </summary>
internal static class TokenGate
{
    /// <summary>The header that carries the token.</summary>
    public const string Header = "X-RootSeg-Token";

    /// <summary>A new random token: 32 bytes as hexadecimal.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Middleware that answers 401 to requests without the token.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Create(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/static"))
            {
                await next(context);
                return;
            }
            string? given = context.Request.Headers[Header];
            given ??= context.Request.Query["token"];
            if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "missing or wrong token (open the URL that rootseg annotate printed)" });
                return;
            }
            await next(context);
        };
    }
}
