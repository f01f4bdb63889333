// Browser tests share one site and one chromium; they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
