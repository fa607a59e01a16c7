#include "cli.h"

int main(int argc, char** argv) { return whlinst::run_cli(argc, argv); }
