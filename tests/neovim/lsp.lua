-- A real LSP client for `ordnat lsp`: Neovim's own (0.7 and later), headless. Opens a case
-- file with a process error (decision-maker) and a misspelt key (unknown-field), waits for the
-- findings with their rule codes, applies the certain fix of the key and the undantag quick
-- fix of the process error, and waits for both findings to go. Each step is written as a line
-- to the file $ORDNAT_RESULT; the Rust test (tests/neovim.rs) reads it.
local out = assert(io.open(os.getenv("ORDNAT_RESULT"), "w"))
local function say(line)
  out:write(line .. "\n")
  out:flush()
end

local ok, err = pcall(function()
  local repo = os.getenv("ORDNAT_REPO")
  vim.cmd("edit " .. vim.fn.fnameescape(repo .. "/" .. os.getenv("ORDNAT_CASE")))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "ordnat",
    cmd = { os.getenv("ORDNAT_BIN"), "lsp" },
    cmd_env = { ORDNAT_TODAY = os.getenv("ORDNAT_TODAY") },
    root_dir = repo,
  })
  assert(id, "no client")
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  local function code(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function find(rule)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code(d) == rule then
        return d
      end
    end
  end
  local function wait(what, cond)
    if not vim.wait(20000, cond, 20) then
      error("timed out waiting for " .. what)
    end
  end

  -- A quick fix of `rule` whose title holds `title`, applied as the editor applies it.
  local function fix(rule, title)
    local d = assert(find(rule), rule)
    local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = {
        start = { line = d.lnum, character = d.col },
        ["end"] = { line = d.end_lnum, character = d.end_col },
      },
      context = { diagnostics = lsp_diags },
    }
    local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 20000) or {}
    for _, answer in pairs(answers) do
      for _, action in ipairs(answer.result or {}) do
        say("offered " .. rule .. ": " .. action.title)
        if action.title:find(title, 1, true) and action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          return
        end
      end
    end
    error("no quick fix for " .. rule)
  end

  wait("findings", function()
    return find("decision-maker") ~= nil and find("unknown-field") ~= nil
  end)
  for _, rule in ipairs({ "decision-maker", "unknown-field" }) do
    say("found " .. rule .. ": " .. find(rule).message:gsub("\n.*", ""))
  end

  fix("unknown-field", "spår")
  wait("the key fixed", function()
    return find("unknown-field") == nil
  end)
  say("fixed unknown-field: " .. vim.fn.getline(4))

  fix("decision-maker", "Undanta")
  wait("the exception", function()
    return find("decision-maker") == nil
  end)
  say("excepted decision-maker")
  local others = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(others, tostring(code(d)))
  end
  say("left: " .. table.concat(others, " "))
end)
if ok then
  say("ok")
else
  say("error: " .. tostring(err))
end
out:close()
vim.cmd("qa!")
