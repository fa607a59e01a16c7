#include "libzip_functions.h"

namespace whlinst {

Result<ZipFunctions> ZipFunctions::find() {
  TRY_ASSIGN(library, SharedLibrary::open(WHLINST_LIBZIP_SONAME));
  ZipFunctions table;
  WHLINST_LIBZIP_FUNCTIONS(WHLINST_FUNCTION_FOUND)
  return table;
}

} // namespace whlinst
