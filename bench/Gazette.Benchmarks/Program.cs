using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Gazette.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Gazette.Benchmarks.RenderingBenchmarks).Assembly).Run(args);
