#include "project_metadata.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
ProjectMetadata metadata_of(std::string_view text) {
  Result<Headers> headers = parse_headers(text);
  REQUIRE(headers.ok());
  return project_metadata(*headers);
}
} // namespace

TEST_CASE("project_metadata reads Metadata 2.4's license fields and the Project-URL home page") {
  ProjectMetadata project = metadata_of("Metadata-Version: 2.4\n"
                                        "Name: Inv_Modern\n"
                                        "Version: 2.0\n"
                                        "Summary: A modern project\n"
                                        "License-Expression:  MIT OR Apache-2.0 \n"
                                        "License-File: LICENSE\n"
                                        "License-File: licenses/NOTICE.txt\n"
                                        "Project-URL: Documentation, https://docs.example.org\n"
                                        "Project-URL: Home page, https://example.org/ \n"
                                        "Project-URL: Homepage, https://second.example.org\n"
                                        "\n"
                                        "Home-page: not a header: the body\n");
  CHECK(project.name == "Inv_Modern");
  CHECK(project.version == "2.0");
  CHECK(project.summary == "A modern project");
  CHECK(project.license_expression == "MIT OR Apache-2.0");
  CHECK(project.license.empty());
  CHECK(project.license_files == std::vector<std::string>{"LICENSE", "licenses/NOTICE.txt"});
  CHECK(project.home_page == "https://example.org/");
}

TEST_CASE("project_metadata: the Home-page field wins over a Project-URL; the legacy License kept whole") {
  ProjectMetadata project = metadata_of("Metadata-Version: 2.1\n"
                                        "Name: legacy\n"
                                        "Version: 1.0\n"
                                        "Home-page: https://legacy.example.org\n"
                                        "License: BSD\n"
                                        "        with an exception\n"
                                        "Project-URL: Homepage, https://other.example.org\n");
  CHECK(project.home_page == "https://legacy.example.org");
  CHECK(project.license == "BSD\n        with an exception");
  CHECK(project.license_expression.empty());
  CHECK(project.license_files.empty());
  CHECK(project.summary.empty());
}

TEST_CASE("project_metadata: an empty Home-page or a label that is not the home page gives none") {
  CHECK(metadata_of("Name: a\nVersion: 1\nHome-page: \nProject-URL: Homepage, https://h\n").home_page == "https://h");
  CHECK(metadata_of("Name: a\nVersion: 1\nProject-URL: Home, https://h\nProject-URL: Source, https://s\n")
            .home_page.empty());
  CHECK(metadata_of("Name: a\nVersion: 1\nProject-URL: Homepage\n").home_page.empty());
}

TEST_CASE("parse_project_url splits at the first comma and trims both parts") {
  ProjectUrl url = parse_project_url(" Bug Tracker , https://example.org/a,b ");
  CHECK(url.label == "Bug Tracker");
  CHECK(url.url == "https://example.org/a,b");
  url = parse_project_url("only a label");
  CHECK(url.label == "only a label");
  CHECK(url.url.empty());
}

// The examples of the well-known project URLs specification (PEP 753).
TEST_CASE("normalized_url_label drops ASCII punctuation and whitespace and lowercases") {
  CHECK(normalized_url_label("Homepage") == "homepage");
  CHECK(normalized_url_label("Home-page") == "homepage");
  CHECK(normalized_url_label("Home page") == "homepage");
  CHECK(normalized_url_label("Change_Log") == "changelog");
  CHECK(normalized_url_label("What's New?") == "whatsnew");
  CHECK(normalized_url_label("github") == "github");
  CHECK(normalized_url_label("\tHOME\vPAGE!~{}\n") == "homepage");
  CHECK(normalized_url_label("Ho\xc3\xa9me") == "ho\xc3\xa9me");
}
