using Xunit;

// Several collections host ASP.NET application domains and a listener each; run in parallel on a
// 2-core machine they starve Mono's thread pool and requests time out. One collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
