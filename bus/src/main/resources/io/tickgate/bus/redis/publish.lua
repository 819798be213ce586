-- tickgate publish: numbers, stores and fans out a batch of events of one or more topics, atomically.
-- KEYS, 4 per topic (all with the hash tag {topic}): meta (hash: epoch, seq, pub, bno, v, gen, last), stream (history),
--   state (book: keyframe "seq|event"; trade: list of the last trades "seq|event", newest first; others: the last
--   "seq|event"), tail (book: list of the deltas after the keyframe)
-- ARGV: publisher id, batch number, candidate epoch, publish command (PUBLISH or SPUBLISH), topic count, then per
--   topic: channel, kind (B book, T trade, L last value), history max length, history max age (ms; history.lua
--   checks it, so unused here), trade state size, event count n, mark count m, the first event's lease generation
--   ("0": unfenced), prev (the batch number of this publisher's latest earlier call of the topic still unanswered,
--   "0": none), the epoch and seq this publisher last had acknowledged for the topic ("" and "0": none), then m
--   marks of 4 (event index 1..n in ascending order, lost: events dropped before it, keyframe: "" none, "=" the
--   event is one, else the keyframe's body, the lease generation from this event on), then the n event bodies. An event without a mark lost nothing, has no keyframe and the previous event's
--   generation: the usual event costs one argument.
-- Fencing: an event whose generation is below the topic's (meta gen) is refused: no seq, not stored, not sent (its
--   lost count passes to the next accepted event); a higher one raises the topic's generation (the new owner's first
--   event fences the old owner). A trade topic keeps its last trade "seq|event" in meta last (fence.lua).
-- Per topic and call: one XADD (one per CHUNK events) whose entry id is the last seq it holds ("<seq>-0") and whose
--   fields are t (the call's time, ms) then seq, event, seq, event, ...; trimmed by MINID to the entries holding the
--   last "history max length" seqs (history.lua enforces the exact count and the age). The channel gets one message
--   of "seq|epoch|event" lines, in seq order. Redis's CPU per event is what bounds throughput, so per event this
--   makes one new string (the seq) and table appends; every other string is built once per topic.
-- Order: a call whose prev has not visibly run (meta does not hold this publisher with prev's batch number or a
--   later one) is not applied: status "o", nothing written. An earlier call answered with an error (NOSCRIPT, ...)
--   is resent after later ones went out; had a later one run first, the earlier one's resend would be taken for one
--   already applied and its events lost without a seq skip. The publisher resends an "o" call after the earlier one.
-- Rollback: meta at the acknowledged epoch but a seq below the acknowledged one means Redis lost acknowledged writes
--   (restarted from an older RDB or AOF, a replica promoted before it had them): the topic starts a new epoch as if
--   its keys were gone, so no seq of the old epoch is given to another event.
-- Returns per topic: status ("1" when the epoch was created by this call, "o" out of order, else "0"), epoch, first
--   seq, last seq ("0" and "0" for a call already applied: the same publisher and batch number, resent after a
--   reconnect, for an "o" part, or when every event was refused), refused events, the topic's generation.
local FORMAT = '2' -- the stream layout above; a stream of another layout (older tickgate) is dropped, not misread
local CHUNK = 1000 -- events per XADD / elements per push: Lua's unpack is bounded by its C stack (8,000)
local pub = ARGV[1]
local bno = tonumber(ARGV[2])
local candidate = ARGV[3]
local pubcmd = ARGV[4]
local topics = tonumber(ARGV[5])
local now = redis.call('TIME')
local nowms = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
local a = 6
local out = {}

local function push(cmd, key, list, from, to)
  while from <= to do
    local last = math.min(to, from + CHUNK - 1)
    redis.call(cmd, key, unpack(list, from, last))
    from = last + 1
  end
end

for i = 0, topics - 1 do
  local meta, stream, state, tail = KEYS[4 * i + 1], KEYS[4 * i + 2], KEYS[4 * i + 3], KEYS[4 * i + 4]
  local channel, kind, maxlen = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
  local tradesize, n, m = tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6])
  local g = tonumber(ARGV[a + 7])
  local prev, ackepoch, ackseq = tonumber(ARGV[a + 8]), ARGV[a + 9], tonumber(ARGV[a + 10])
  local marks = a + 11
  local bodies = marks + 4 * m
  a = bodies + n
  local h = redis.call('HMGET', meta, 'epoch', 'seq', 'pub', 'bno', 'v', 'gen')
  local epoch = h[1]
  local gen = tonumber(h[6] or '0')
  if epoch and h[3] == pub and tonumber(h[4]) >= bno then
    out[#out + 1] = '0'; out[#out + 1] = epoch; out[#out + 1] = '0'; out[#out + 1] = '0'
    out[#out + 1] = '0'; out[#out + 1] = string.format('%d', gen)
  elseif prev > 0 and not (epoch and h[3] == pub and tonumber(h[4]) >= prev) then
    out[#out + 1] = 'o'; out[#out + 1] = epoch or ''; out[#out + 1] = '0'; out[#out + 1] = '0'
    out[#out + 1] = '0'; out[#out + 1] = string.format('%d', gen)
  else
    local fresh = '0'
    local seq = 0
    if epoch and epoch == ackepoch and tonumber(h[2]) < ackseq then
      epoch = nil -- Redis went back to older data under this epoch: a new one, below
    end
    if not epoch then
      -- the topic's keys are gone (first publish, Redis restarted empty, flushed, lost in a failover) or went back
      -- (above): new epoch
      epoch = candidate
      fresh = '1'
      redis.call('DEL', stream, state, tail)
    else
      seq = tonumber(h[2])
      if h[5] ~= FORMAT then
        redis.call('DEL', stream)
      end
    end
    local sep = '|' .. epoch .. '|'
    local nextmark = m > 0 and tonumber(ARGV[marks]) or 0
    local mk = 0
    local first = 0
    local last = 0 -- the last accepted event
    local refused = 0
    local carried = 0 -- events lost before refused ones, passed on to the next accepted event
    local msg = {}
    local fields = {}
    local seqs = {}
    local keyframe = nil
    local from = 1 -- book: the first delta after the call's last keyframe
    for j = 1, n do
      local body = ARGV[bodies + j - 1]
      local kf = ''
      local lost = 0
      if j == nextmark then
        lost = tonumber(ARGV[marks + 4 * mk + 1])
        kf = ARGV[marks + 4 * mk + 2]
        g = tonumber(ARGV[marks + 4 * mk + 3])
        mk = mk + 1
        nextmark = mk < m and tonumber(ARGV[marks + 4 * mk]) or 0
      end
      if g > 0 and g < gen then
        refused = refused + 1
        carried = carried + lost
      else
        if g > gen then
          gen = g
        end
        lost = lost + carried
        carried = 0
        if not (fresh == '1' and first == 0) then
          seq = seq + lost
        end
        seq = seq + 1
        if first == 0 then
          first = seq
        end
        last = j
        local s = string.format('%d', seq)
        seqs[j] = s
        local f = #fields
        fields[f + 1] = s
        fields[f + 2] = body
        if kf ~= '' then
          keyframe = s .. '|' .. (kf == '=' and body or kf)
          from = j + 1
        end
        local k = #msg
        if k > 0 then
          msg[k + 1] = '\n'
          k = k + 1
        end
        msg[k + 1] = s
        msg[k + 2] = sep
        msg[k + 3] = body
        if f + 2 >= 2 * CHUNK then
          -- the entry id is its last seq: an entry holds a seq >= x exactly when its id is >= x, so MINID keeps
          -- every entry holding one of the last maxlen seqs (whole stream nodes more with '~')
          redis.call('XADD', stream, 'MINID', maxlen >= 1000 and '~' or '=',
            string.format('%d', math.max(0, seq - maxlen + 1)), s .. '-0', 't', nowms, unpack(fields))
          fields = {}
        end
      end
    end
    if #fields > 0 then
      redis.call('XADD', stream, 'MINID', maxlen >= 1000 and '~' or '=',
        string.format('%d', math.max(0, seq - maxlen + 1)), string.format('%d', seq) .. '-0', 't', nowms,
        unpack(fields))
    end
    -- "seq|event" entries of the accepted events from lo..n (built here, once per kept event)
    local function entries(lo)
      local list = {}
      for j = lo, n do
        if seqs[j] then
          list[#list + 1] = seqs[j] .. '|' .. ARGV[bodies + j - 1]
        end
      end
      return list
    end
    if last > 0 then
      if kind == 'B' then
        if keyframe then
          redis.call('SET', state, keyframe)
          redis.call('DEL', tail)
        end
        local list = entries(from)
        push('RPUSH', tail, list, 1, #list)
      elseif kind == 'T' then
        if tradesize > 0 then
          -- newest first: only the last tradesize trades of the call can be kept
          local list = entries(math.max(1, n - tradesize - refused + 1))
          local lo = math.max(1, #list - tradesize + 1)
          push('LPUSH', state, list, lo, #list)
          redis.call('LTRIM', state, 0, tradesize - 1)
        end
      else
        redis.call('SET', state, seqs[last] .. '|' .. ARGV[bodies + last - 1])
      end
      -- one message per topic and call: the call's messages of the topic, one per line, in seq order
      redis.call(pubcmd, channel, table.concat(msg))
      redis.call('HSET', meta, 'epoch', epoch, 'seq', string.format('%d', seq), 'pub', pub, 'bno', ARGV[2],
        'v', FORMAT, 'gen', string.format('%d', gen))
      if kind == 'T' then
        -- the topic's last trade "seq|event": a new owner continues the venue's trade ids from it (fence.lua)
        redis.call('HSET', meta, 'last', seqs[last] .. '|' .. ARGV[bodies + last - 1])
      end
    end
    out[#out + 1] = fresh; out[#out + 1] = epoch
    out[#out + 1] = string.format('%d', first); out[#out + 1] = string.format('%d', seq)
    out[#out + 1] = string.format('%d', refused); out[#out + 1] = string.format('%d', gen)
  end
end
return out
