-- wrk script: every request posts a different comment (unique text and email,
-- so neither duplicate nor flood control refuses it) and counts the 303s,
-- which Gazette sends only once the comment is on disk.
-- Arguments after wrk's `--`: the article id (default 1) and a run tag (default:
-- the time), so two runs against one database never repeat a text or an email
-- (Lua's random numbers repeat from run to run).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  refused = 0
  article = args[1] or "1"
  run = args[2] or tostring(os.time())
end

function request()
  counter = counter + 1
  local tag = run .. "-" .. id .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = "comment_post_ID=" .. article .. "&comment_parent=0&author=Load+Tester+" .. id ..
    "&email=load-" .. tag .. "%40example.org&url=&comment=Load+test+comment+" .. tag ..
    "+with+a+few+more+words+to+look+like+a+real+remark."
  return wrk.format("POST", "/comments/", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status == 303 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    bad = bad + thread:get("refused")
  end
  local seconds = summary.duration / 1000000
  io.write(string.format("ACCEPTED %d REFUSED %d PER_SECOND %.1f P99_MS %.2f\n", ok, bad, ok / seconds, latency:percentile(99) / 1000))
end
