#include "bzip2_functions.h"

namespace whlinst {

WHLINST_LOADED_FUNCTIONS(Bzip2Functions, WHLINST_LIBBZ2_FUNCTIONS, WHLINST_LIBBZ2_SONAME)

} // namespace whlinst
