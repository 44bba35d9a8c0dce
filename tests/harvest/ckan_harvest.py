"""Harvests a varcat feed with CKAN's own DCAT harvester (ckanext-dcat's DCATRDFHarvester).

Runs the harvester's gather stage — download, parse with ckanext-dcat's RDFParser and its
DCAT-AP 3 profile, follow Hydra `next` links, one harvest object per dataset — with CKAN's
database replaced by stand-ins (no CKAN site is needed to gather). Prints one JSON object:
{"pages": [urls fetched], "datasets": [{"guid", "title"}], "errors": [...]}.

Usage: python ckan_harvest.py URL [rdf_format]   (rdf_format e.g. "xml" or "turtle")
"""

import json
import sys
from unittest import mock

import ckanext.dcat.harvesters.rdf as rdf


def main() -> None:
    url = sys.argv[1]
    fmt = sys.argv[2] if len(sys.argv) > 2 else None
    errors, created, pages = [], [], []
    job = mock.Mock()
    job.source.url = url
    job.source.id = "varcat"
    job.source.config = json.dumps({"rdf_format": fmt}) if fmt else ""

    def harvest_object(guid, job, content):
        created.append({"guid": guid, "title": json.loads(content).get("title")})
        return mock.Mock(id=guid)

    fetch = rdf.DCATRDFHarvester._get_content_and_type

    def fetching(self, url, *args, **kwargs):
        pages.append(url)
        return fetch(self, url, *args, **kwargs)

    harvester = rdf.DCATRDFHarvester()
    with (
        mock.patch.object(rdf, "model") as model,
        mock.patch.object(rdf, "HarvestObject", side_effect=harvest_object),
        mock.patch.object(rdf.DCATRDFHarvester, "_get_content_and_type", fetching),
        mock.patch.object(rdf.DCATRDFHarvester, "_mark_datasets_for_deletion", return_value=[]),
        mock.patch.object(rdf.DCATRDFHarvester, "_gen_new_name", lambda self, title: title),
        mock.patch.object(
            rdf.DCATRDFHarvester,
            "_save_gather_error",
            lambda self, message, job: errors.append(message),
        ),
    ):
        model.Package.get.return_value = mock.Mock(owner_org=None, url=url)
        harvester.gather_stage(job)
    print(json.dumps({"pages": pages, "datasets": created, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main()
