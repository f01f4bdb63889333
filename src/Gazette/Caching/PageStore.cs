using System.Collections.Concurrent;

namespace Gazette.Caching;

/// <summary>
/// The cached pages of this node, by key, with an index from each tag to the
/// pages carrying it. A lookup is one dictionary read; storing and evicting
/// take one lock. Past the size limit (<c>Gazette:Cache:SizeLimitMB</c>) the
/// least recently used pages go until a tenth of the limit is free; expired
/// pages go when looked up or when the cache is trimmed. Lifetimes follow the
/// <see cref="TimeProvider"/>, so a test's clock ages pages too.
/// </summary>
public sealed class PageStore(IConfiguration configuration, TimeProvider time)
{
    private readonly long _ticksPerMillisecond = Math.Max(1, time.TimestampFrequency / 1000);

    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<CachedPage>> _byTag = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _size;

    public long Limit { get; } = configuration.GetValue("Gazette:Cache:SizeLimitMB", 256L) * 1024 * 1024;

    /// <summary>The bytes held, copies included.</summary>
    public long Size => Interlocked.Read(ref _size);

    public int Count => _pages.Count;

    /// <summary>Milliseconds on the store's clock: what <see cref="CachedPage.StoredAt"/> and expiry are measured in.</summary>
    public long Now => time.GetTimestamp() / _ticksPerMillisecond;

    public bool TryGet(string key, long now, out CachedPage page)
    {
        if (_pages.TryGetValue(key, out page!))
        {
            if (now < page.ExpiresAt)
            {
                page.Touch(now);
                return true;
            }
            lock (_lock)
            {
                RemoveLocked(page);
            }
        }
        return false;
    }

    /// <summary>Stores <paramref name="page"/> unless <paramref name="stillCurrent"/> says an eviction overtook its rendering.</summary>
    public bool TryAdd(CachedPage page, Func<bool> stillCurrent)
    {
        lock (_lock)
        {
            if (!stillCurrent())
            {
                return false;
            }
            if (_pages.TryGetValue(page.Key, out var old))
            {
                RemoveLocked(old);
            }
            _pages[page.Key] = page;
            foreach (var tag in page.Tags)
            {
                if (!_byTag.TryGetValue(tag, out var pages))
                {
                    _byTag[tag] = pages = [];
                }
                pages.Add(page);
            }
            Interlocked.Add(ref _size, page.Size);
            if (Size > Limit)
            {
                TrimLocked(page.StoredAt);
            }
            return true;
        }
    }

    /// <summary>Counts a copy a stored page made of itself (a compressed or joined body) against the limit, or one it dropped (a negative count).</summary>
    public void Grew(CachedPage page, long bytes)
    {
        lock (_lock)
        {
            if (_pages.TryGetValue(page.Key, out var stored) && ReferenceEquals(stored, page))
            {
                page.Grow(bytes);
                Interlocked.Add(ref _size, bytes);
                TrimLocked(Now);
            }
        }
    }

    public void EvictByTag(string tag)
    {
        lock (_lock)
        {
            if (_byTag.TryGetValue(tag, out var pages))
            {
                foreach (var page in pages.ToArray())
                {
                    RemoveLocked(page);
                }
            }
        }
    }

    private void TrimLocked(long now)
    {
        if (Size <= Limit)
        {
            return;
        }
        var target = Limit - Limit / 10;
        foreach (var page in _pages.Values.OrderBy(page => now < page.ExpiresAt).ThenBy(page => page.LastUsed).ToArray())
        {
            if (Size <= target)
            {
                break;
            }
            RemoveLocked(page);
        }
    }

    private void RemoveLocked(CachedPage page)
    {
        if (!_pages.TryRemove(new KeyValuePair<string, CachedPage>(page.Key, page)))
        {
            return;
        }
        Interlocked.Add(ref _size, -page.Size);
        foreach (var tag in page.Tags)
        {
            if (_byTag.TryGetValue(tag, out var pages) && pages.Remove(page) && pages.Count == 0)
            {
                _byTag.Remove(tag);
            }
        }
    }
}
