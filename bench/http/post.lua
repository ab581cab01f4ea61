-- wrk script: POSTs the bodies of a file (one per line) in turn, each thread starting at a different line, with an
-- AWS JSON-protocol target.  usage: wrk ... -s post.lua URL -- BODIES_FILE X_AMZ_TARGET CONTENT_TYPE SERVICE
-- (the signature is not checked, but moto routes on the credential scope's service, as AWS does)
local bodies = {}
local next_index = 1
local headers = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_number", thread_counter)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      bodies[#bodies + 1] = line
    end
  end
  headers["X-Amz-Target"] = args[2]
  headers["Content-Type"] = args[3] or "application/x-amz-json-1.0"
  headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/" .. (args[4] or "verifiedpermissions") .. "/aws4_request, " ..
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
  next_index = ((thread_number or 1) * 7919) % #bodies + 1
end

function request()
  local body = bodies[next_index]
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/", headers, body)
end
