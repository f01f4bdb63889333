// The ceiling for Gazette's cached pages: Kestrel answering every request with
// the same bytes from memory, no routing, no cache lookup, no headers beyond
// what a page needs. Usage: BareKestrel FILE URL
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BareKestrel FILE URL");
    return 2;
}
var body = File.ReadAllBytes(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
Console.WriteLine($"BareKestrel serving {body.Length} bytes at {args[1]}");
await app.RunAsync(args[1]);
return 0;
