#include "libzip_functions.h"

namespace whlinst {

Result<ZipFunctions> ZipFunctions::find() {
  ZipFunctions table;
  WHLINST_LIBZIP_FUNCTIONS(WHLINST_FUNCTION_LINKED)
  return table;
}

} // namespace whlinst
