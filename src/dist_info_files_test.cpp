#include "dist_info_files.h"

#include <doctest/doctest.h>

using namespace whlinst;

// Expected values printed by Python 3.11:
//   urllib.parse.urljoin("file:", urllib.request.pathname2url(p))   (pip's path_to_url)
//   json.dumps({...}, sort_keys=True)                              (pip's DirectUrl.to_json)

TEST_CASE("file_url encodes like pip's path_to_url") {
  CHECK(file_url("/tmp/dist/pkg-1.0-py3-none-any.whl") == "file:///tmp/dist/pkg-1.0-py3-none-any.whl");
  CHECK(file_url("/tmp/with space/a b.whl") == "file:///tmp/with%20space/a%20b.whl");
  CHECK(file_url("/tmp/100%/x.whl") == "file:///tmp/100%25/x.whl");
  CHECK(file_url("/tmp/caf\u00e9/\u00fcber-\u4e2d.whl") == "file:///tmp/caf%C3%A9/%C3%BCber-%E4%B8%AD.whl");
  CHECK(file_url("/a~b_c-d.e/f+g=h,i;j@k:l!m$n&o'p(q)r*s#t?u[v]w") ==
        "file:///a~b_c-d.e/f%2Bg%3Dh%2Ci%3Bj%40k%3Al%21m%24n%26o%27p%28q%29r%2As%23t%3Fu%5Bv%5Dw");
  CHECK(file_url("/") == "file:///");
  CHECK(file_url("/\t\x7f\xff") == "file:///%09%7F%FF");
}

TEST_CASE("direct_url_json is byte-identical to pip's direct_url.json") {
  // The file pip 23.2.1 wrote installing wheels-fixtures/out/fixture_entrypoints-1.0-py3-none-any.whl.
  CHECK(direct_url_json("file:///work/main/wheels-fixtures/out/fixture_entrypoints-1.0-py3-none-any.whl",
                        "91fe962faba980540605e87650567f150f6424ecda12102742198d00da64cce2") ==
        "{\"archive_info\": {\"hash\": "
        "\"sha256=91fe962faba980540605e87650567f150f6424ecda12102742198d00da64cce2\", "
        "\"hashes\": {\"sha256\": \"91fe962faba980540605e87650567f150f6424ecda12102742198d00da64cce2\"}}, "
        "\"url\": \"file:///work/main/wheels-fixtures/out/fixture_entrypoints-1.0-py3-none-any.whl\"}");
  CHECK(direct_url_json("file:///x.whl", "ab") == "{\"archive_info\": {\"hash\": \"sha256=ab\", \"hashes\": "
                                                  "{\"sha256\": \"ab\"}}, \"url\": \"file:///x.whl\"}");
}

TEST_CASE("direct_url_json escapes a --direct-url value as json.dumps does") {
  CHECK(direct_url_json("file:///caf\u00e9 \"q\" \\ \x01\x7f/\u4e2d\U0001F600", "ab") ==
        "{\"archive_info\": {\"hash\": \"sha256=ab\", \"hashes\": {\"sha256\": \"ab\"}}, "
        "\"url\": \"file:///caf\\u00e9 \\\"q\\\" \\\\ \\u0001\\u007f/\\u4e2d\\ud83d\\ude00\"}");
  CHECK(direct_url_json("https://example.org/p.whl\n\t", "ab") ==
        "{\"archive_info\": {\"hash\": \"sha256=ab\", \"hashes\": {\"sha256\": \"ab\"}}, "
        "\"url\": \"https://example.org/p.whl\\n\\t\"}");
}

TEST_CASE("installer_file") {
  CHECK(installer_file("whlinst") == "whlinst\n");
  CHECK(installer_file("pip") == "pip\n");
  CHECK(installer_file("") == "\n");
}
