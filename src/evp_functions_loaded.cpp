#include "evp_functions.h"

namespace whlinst {

Result<EvpFunctions> EvpFunctions::find() {
  TRY_ASSIGN(library, SharedLibrary::open(WHLINST_LIBCRYPTO_SONAME));
  EvpFunctions table;
  WHLINST_EVP_FUNCTIONS(WHLINST_FUNCTION_FOUND)
  return table;
}

} // namespace whlinst
