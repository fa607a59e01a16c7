#include "cli.h"

#include <cstdio>

namespace whlinst {

int run_cli(int, char**) {
  std::fputs("usage: whlinst [install] WHEEL... [options]\n", stderr);
  return 2;
}

} // namespace whlinst
