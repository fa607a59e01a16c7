#include "evp_functions.h"

namespace whlinst {

WHLINST_LINKED_FUNCTIONS(EvpFunctions, WHLINST_EVP_FUNCTIONS)

} // namespace whlinst
