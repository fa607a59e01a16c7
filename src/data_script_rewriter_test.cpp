#include "launcher_scripts.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace whlinst;

namespace {
const std::vector<std::string> kInterpreters = {
    "/usr/bin/python3", "/tmp/with space/bin/python3", "/tmp/" + std::string(108, 'e') + "/bin/python3"};

const std::vector<std::string> kScripts = {
    "",
    "#",
    "#!pytho",
    "#!python",
    "#!python\n",
    "#!python -u\r\nfrom __future__ import annotations\r\nimport sys\r\n",
    "#!/usr/bin/env python\nprint(1)\n",
    "#!python\n# a comment\n\"\"\"Script docstring.\"\"\"\nfrom __future__ import annotations\n",
    "#!python -u\r\n\"\"\"doc\r\nline two\"\"\"\r\nfrom __future__ import annotations\r\n",
    "#!python\n\n# c\n\nu'it\\'s'\nfrom __future__ import annotations\n",
    "#!python\n\"doc\\\nmore\"\nx = 1\n",
    "#!python\n\"broken\nx = 1\n",
    "#!python\n\"\"\"doc\"\"\"",
    "#!python\nb'x'\n",
    "#!python\nr'''raw\n'''\n",
    "#!python\n# -*- coding: latin-1 -*-\nprint('caf\xe9')\n",
    "#!python\n   \n  # indented comment\n    x = '''y'''\n",
};

// The content fed `size` bytes at a time.
std::optional<std::string> rewrite_in_chunks(const std::string& content, const std::string& interpreter,
                                             size_t size) {
  DataScriptRewriter rewriter(interpreter);
  std::string output;
  for (size_t i = 0; i < content.size(); i += size)
    output += rewriter.feed(std::string_view(content).substr(i, size));
  output += rewriter.finish();
  if (!rewriter.rewritten())
    return std::nullopt;
  return output;
}
} // namespace

TEST_CASE("DataScriptRewriter: any chunking gives rewrite_data_script's result") {
  for (const std::string& interpreter : kInterpreters)
    for (const std::string& script : kScripts)
      for (size_t size : {1, 2, 3, 5, 8, 64}) {
        CAPTURE(interpreter);
        CAPTURE(script);
        CAPTURE(size);
        CHECK(rewrite_in_chunks(script, interpreter, size) == rewrite_data_script(script, interpreter));
      }
}

TEST_CASE("DataScriptRewriter: after the first line only the head is held back") {
  DataScriptRewriter rewriter("/usr/bin/python3");
  CHECK(rewriter.feed("#!pyt") == "");
  CHECK(rewriter.feed("hon\nprint(1)\n") == "#!/usr/bin/python3\nprint(1)\n");
  CHECK(rewriter.rewritten());
  CHECK(rewriter.feed(std::string(1 << 20, '#')).size() == 1 << 20);
  CHECK(rewriter.finish() == "");
  DataScriptRewriter plain("/usr/bin/python3");
  CHECK(plain.feed("#!/bin/sh\n") == "#!/bin/sh\n");
  CHECK_FALSE(plain.rewritten());
}
