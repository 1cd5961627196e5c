-- wrk script: POSTs one real CallbackControls callback and checks every reply.
--
--   wrk -t2 -c8 -d10s -s bench/callback-post.lua http://127.0.0.1:PORT -- TOKEN
--   wrk -t2 -c8 -d10s -s bench/callback-post.lua http://127.0.0.1:PORT -- "" /Bare.ashx ok GET
--   wrk -t2 -c8 -d10s -s bench/callback-post.lua http://127.0.0.1:PORT -- TOKEN /Echo.aspx other:x POST OtherByMethod OtherFast
--
-- TOKEN is the control's token from the page (data-cc-options), sent in X-CallbackControls-Token as
-- the runtime does: without it the server refuses the call (403). The second form GETs a path and
-- checks the body holds the given text: the floor of a host (a handler that only answers). The third
-- form is the same call answered by a page method (the fast path: control OtherFast, method
-- OtherByMethod): the method in X-CallbackControls-Method, the control in X-CallbackControls-Target,
-- the bare envelope as the body (text/plain), as the runtime posts a page-method call.
--
-- The request is what the client runtime sends for `Other.callback('x')` on tests/TestSite/Echo.aspx:
-- no ViewState, just __EVENTTARGET (so ASP.NET treats it as a postback), the control's UniqueID and
-- the JSON argument. Echo.aspx has EnableSessionState="False", so no session cookie is handed out
-- and no session piles up per request. A reply counts as right only when it is a 200 whose body
-- holds the control's result, e.g. 0|{"cc":1,"ok":true,"result":"other:x"}.
-- Runs on loopback only, for a bounded duration (-d).

wrk.method = "POST"
wrk.path = "/Echo.aspx"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "__EVENTTARGET=&__CALLBACKID=Other&__CALLBACKPARAM=%7B%22v%22%3A1%2C%22arg%22%3A%22x%22%7D"

local EXPECTED = '"result":"other:x"'
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Runs in each thread's own Lua state: the counters below are per thread, summed in done().
function init(args)
  checked, wrong, shown = 0, 0, 0
  if args[2] then
    wrk.path = args[2]
    EXPECTED = args[3] or ""
    wrk.method = args[4] or "GET"
    if wrk.method == "GET" then wrk.body = nil; wrk.headers["Content-Type"] = nil end
  end
  if args[5] then
    wrk.headers["X-CallbackControls-Method"] = args[5]
    wrk.headers["X-CallbackControls-Target"] = args[6]
    wrk.headers["Content-Type"] = "text/plain; charset=UTF-8"
    wrk.body = '{"v":1,"arg":"x"}'
  end
  if args[1] and args[1] ~= "" then wrk.headers["X-CallbackControls-Token"] = args[1] end
  prepared = wrk.format()
end

function request()
  return prepared
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or not string.find(body or "", EXPECTED, 1, true) then
    wrong = wrong + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("unexpected reply: %d %s\n", status, string.sub(body or "", 1, 200)))
    end
  end
end

function done(summary, latency, requests)
  local checkedAll, wrongAll = 0, 0
  for _, thread in ipairs(threads) do
    checkedAll = checkedAll + thread:get("checked")
    wrongAll = wrongAll + thread:get("wrong")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests/s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f requests=%d checked=%d wrong=%d errors(connect/read/write/status/timeout)=%d/%d/%d/%d/%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, checkedAll, wrongAll,
    e.connect, e.read, e.write, e.status, e.timeout))
end
