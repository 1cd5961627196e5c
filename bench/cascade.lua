-- wrk script of the cascading benchmark (bench/cascade.js writes its request file).
--
--   wrk -t8 -c8 -d10s -s bench/cascade.lua http://127.0.0.1:PORT -- REQUEST_FILE
--
-- The request file holds one country change per line, as the browser sends it (the body captured
-- from Chromium, the country swapped in), and what the reply must hold:
--   H<TAB>Header-Name: value                     (headers sent with every request)
--   R<TAB>METHOD<TAB>PATH<TAB>MODE<TAB>EXPECT<TAB>BODY
-- MODE json: the body must contain EXPECT (the first [text, value] pair of the city list).
-- MODE html: the first <option> after id="City" must contain EXPECT (">First city</option>").
-- Each thread runs one connection (run it with -t equal to -c), so a reply always answers the
-- request that thread sent last, even after a reconnect. Cookies the server sets are sent back
-- (per thread), so a host handing out session cookies does not build a session per request.
-- Loopback only, for a bounded duration (-d).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in string.gmatch(line .. "\t", "([^\t]*)\t") do table.insert(fields, field) end
  return fields
end

function init(args)
  checked, wrong, cookies, shown = 0, 0, 0, 0
  headers, requests, formatted = {}, {}, {}
  for line in io.lines(args[1]) do
    local f = split(line)
    if f[1] == "H" then
      local name, value = string.match(f[2], "^([^:]+):%s*(.*)$")
      headers[name] = value
    elseif f[1] == "R" then
      table.insert(requests, { method = f[2], path = f[3], mode = f[4], expect = f[5], body = f[6] ~= "" and f[6] or nil })
    end
  end
  index = (offset or 0) % #requests + 1
  current = nil
end

function request()
  local r = requests[index]
  current = r
  index = index % #requests + 1
  local text = formatted[r]
  if not text then
    local h = {}
    for k, v in pairs(headers) do h[k] = v end
    text = wrk.format(r.method, r.path, h, r.body)
    formatted[r] = text
  end
  return text
end

local function right(r, status, body)
  if status ~= 200 or not body or not r then return false end
  if r.mode == "json" then return string.find(body, r.expect, 1, true) ~= nil end
  local list = string.find(body, 'id="City"', 1, true)
  local first = list and string.find(body, "<option", list, true)
  local close = first and string.find(body, "</option>", first, true)
  return close ~= nil and string.find(string.sub(body, first, close + 8), r.expect, 1, true) ~= nil
end

function response(status, hdrs, body)
  checked = checked + 1
  local cookie = hdrs["Set-Cookie"] or hdrs["set-cookie"]
  if cookie then
    cookies = cookies + 1
    -- Kept beside the cookies the request file gave (an anti-XSRF cookie a call's token is bound to),
    -- replacing only the cookie of the same name, as a browser would.
    local pair = string.match(cookie, "^([^;]+)")
    local name = string.match(pair, "^([^=]+)=")
    local kept = {}
    for part in string.gmatch(headers["Cookie"] or "", "([^;]+)") do
      part = string.match(part, "^%s*(.-)%s*$")
      if string.match(part, "^([^=]+)=") ~= name then table.insert(kept, part) end
    end
    table.insert(kept, pair)
    headers["Cookie"] = table.concat(kept, "; ")
    formatted = {}
  end
  if not right(current, status, body) then
    wrong = wrong + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("unexpected reply: %d %s (wanted %s)\n", status, string.sub(body or "", 1, 160), current and current.expect or "?"))
    end
  end
end

function done(summary, latency, requests)
  local checkedAll, wrongAll, cookiesAll = 0, 0, 0
  for _, thread in ipairs(threads) do
    checkedAll = checkedAll + thread:get("checked")
    wrongAll = wrongAll + thread:get("wrong")
    cookiesAll = cookiesAll + thread:get("cookies")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format('RESULT {"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.2f,"requests":%d,"seconds":%.2f,' ..
    '"checked":%d,"wrong":%d,"set_cookie":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"bytes_read":%d}\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, seconds, checkedAll, wrongAll, cookiesAll,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
