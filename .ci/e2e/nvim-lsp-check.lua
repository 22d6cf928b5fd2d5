-- Headless Neovim (Debian's 0.7.2; >= 0.8 works too) as a second real LSP client of the language server.
-- Usage: LSP_CMD='node out/server/src/lsp/server.js --stdio' LABEL=server \
--          nvim --headless --clean -n -c 'luafile .ci/e2e/nvim-lsp-check.lua' login.ts
-- Checks, each printed as `CHECK PASS nvim <LABEL>: <what>` or `CHECK FAIL nvim <LABEL>: <what>: <why>`:
--   1. the server publishes >= 1 mt-pii diagnostic for the file within 90 s
--   2. hover at that diagnostic cites 'MCA 30-14-' and says 'not legal advice'
--   3. a leak typed into the buffer (didChange, no save) gives one more diagnostic
-- Exit status: 0 when all passed, else 1 (also on any Lua error: a Lua error in -c alone would exit 0).
local label = os.getenv('LABEL') or 'lsp'
local checks = { 'publishes an mt-pii diagnostic', 'hover cites MCA 30-14- and says not legal advice',
  'a typed leak (didChange) adds a diagnostic' }
local done = 0
local failed = false
local function out(s) io.stdout:write(s .. '\n') end
local function pass(detail) done = done + 1; out('CHECK PASS nvim ' .. label .. ': ' .. checks[done] .. (detail and (' (' .. detail .. ')') or '')) end

local function ours(bufnr)
  local r = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.source == 'mt-pii' then table.insert(r, d) end end
  return r
end

-- Messages from the server are logged, never prompted: in headless Neovim 0.7 a showMessageRequest
-- prompt ("Type number and <Enter>") would wait for a key press forever.
vim.lsp.handlers['window/showMessageRequest'] = function(_, params)
  out('[server asks] ' .. tostring(params and params.message))
  return vim.NIL
end
vim.lsp.handlers['window/showMessage'] = function(_, params)
  out('[server says] ' .. tostring(params and params.message))
end

local function main()
  local cmd = vim.split(os.getenv('LSP_CMD') or error('LSP_CMD not set'), ' ', { trimempty = true })
  local bufnr = vim.api.nvim_get_current_buf()
  local cfg = { name = 'mt-pii', cmd = cmd, root_dir = vim.fn.getcwd() }
  local id
  if vim.lsp.start then id = vim.lsp.start(cfg)                                   -- nvim >= 0.8
  else id = vim.lsp.start_client(cfg); vim.lsp.buf_attach_client(bufnr, id) end  -- nvim 0.7
  assert(id, 'client did not start')

  assert(vim.wait(90000, function() return #ours(bufnr) > 0 end, 50), 'no mt-pii diagnostic within 90 s')
  local d = ours(bufnr)[1]
  pass(string.format('%d:%d %s', d.lnum + 1, d.col + 1, d.message:sub(1, 80)))

  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = d.lnum, character = d.col } }, 5000)
  local text = ''
  for _, r in pairs(res or {}) do
    if r.result then
      local c = r.result.contents
      text = text .. (type(c) == 'table' and (c.value or vim.inspect(c)) or tostring(c))
    end
  end
  assert(text:find('MCA 30%-14%-'), 'hover lacks MCA 30-14-: ' .. text:sub(1, 200))
  assert(text:lower():find('not legal advice', 1, true), 'hover lacks "not legal advice": ' .. text:sub(1, 200))
  pass(#text .. ' characters of markdown')

  local before = #ours(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, {
    'export function onSignup(account: { email: string }) {',
    "  analytics.track('Signed Up', { email: account.email });",
    '}',
  })
  assert(vim.wait(90000, function() return #ours(bufnr) > before end, 50),
    'still ' .. before .. ' diagnostic(s) 90 s after the edit')
  pass(before .. ' -> ' .. #ours(bufnr))

  vim.lsp.stop_client(id)
end

local ok, err = pcall(main)
if not ok then
  failed = true
  for i = done + 1, #checks do
    out('CHECK FAIL nvim ' .. label .. ': ' .. checks[i] .. ': ' .. (i == done + 1 and tostring(err) or 'not reached'))
  end
end
vim.cmd(failed and 'cquit 1' or 'qa!')
