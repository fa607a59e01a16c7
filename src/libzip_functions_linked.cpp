#include "libzip_functions.h"

namespace whlinst {

WHLINST_LINKED_FUNCTIONS(ZipFunctions, WHLINST_LIBZIP_FUNCTIONS)

} // namespace whlinst
