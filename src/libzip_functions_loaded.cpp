#include "libzip_functions.h"

namespace whlinst {

WHLINST_LOADED_FUNCTIONS(ZipFunctions, WHLINST_LIBZIP_FUNCTIONS, WHLINST_LIBZIP_SONAME)

} // namespace whlinst
