#!/usr/bin/env python3
"""Writes the synthetic demo extracts in this folder (see README.md): three extracts for
catalog-data's collections, each with the errors the README lists and nothing else wrong.

Everything is made up. The personnummer are born in 2090-2099, so none can belong to a living
person; they have valid check digits except where an error is documented. Run it from
anywhere: `python3 examples/extracts/generate.py`. The output is the same on every run.
"""

import csv
import datetime
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def luhn_digit(nine):
    total = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return str((10 - total % 10) % 10)


def personnummer(i, female):
    """A synthetic personnummer: born 2090-2099, birth number from i, sex digit by `female`."""
    born = datetime.date(2090, 1, 1) + datetime.timedelta(days=(i * 37) % 3650)
    ymd = born.strftime("%Y%m%d")
    serial = f"{(i * 7) % 100:02d}"
    sex = str((i * 2) % 10 if female else (i * 2 + 1) % 10)
    nine = ymd[2:] + serial + sex
    return f"{ymd}-{serial}{sex}{luhn_digit(nine)}"


def wrong_check_digit(pnr):
    return pnr[:-1] + str((int(pnr[-1]) + 1) % 10)


def day(i, start=datetime.date(2025, 1, 2)):
    return (start + datetime.timedelta(days=i % 300)).isoformat()


def write(name, heading, rows, sep, encoding="utf-8", bom=False):
    path = os.path.join(HERE, name)
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows([heading] + rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


REGIONS = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17",
           "18", "19", "20", "21", "22", "23", "24", "25"]


def patientregistret():
    """Region A: `;`-separated UTF-8 with BOM, as Swedish Excel saves "CSV UTF-8"."""
    heading = ["PERSONNR", "KON", "ALDER", "LAN", "INDATUM", "UTDATUM", "VARDFORM", "HDIA",
               "DIA", "OP", "MVO", "VTID"]
    rows = []
    for i in range(40):
        female = i % 2 == 0
        los = i % 9
        inpatient = i % 4 != 3
        rows.append([
            personnummer(i, female), "2" if female else "1", str(50 + i), REGIONS[i % 21],
            day(i), day(i + los) if inpatient else "", "SV" if inpatient else "OV",
            ["S72.0", "S72.1", "S72.2"][i % 3], "", "NFB29" if i % 5 else "", "301",
            str(los if inpatient else 0),
        ])
    # The documented errors (row numbers count the heading as row 1).
    rows[4][0] = wrong_check_digit(rows[4][0])      # row 6: personnummer check digit
    rows[19][0] = rows[19][0].replace("-", "")      # row 21: no dash (pattern; the check digit is right)
    rows[9][1] = "3"                                # row 11: KON not in the codebook
    rows[14][2] = "131"                             # row 16: ALDER above 130
    rows[24][4] = "2025-02-30"                      # row 26: INDATUM no such date
    rows[29][7] = "S73.0"                           # row 31: HDIA not in the codebook
    write("patientregistret-region-a.csv", heading, rows, ";", bom=True)


def vantetider():
    """Region B: tab-separated Windows-1252, the region's own column names (see the map)."""
    heading = ["Personnummer", "Kön", "Ålder", "Region", "Vårdenhet (HSA-id)", "Utförare orgnr",
               "Besöksdatum", "Mätdatum", "Väntetid (dagar)", "Undantagskod", "PVV", "MOV",
               "Vårdgarantins led", "Väntestatus", "MVO"]
    rows = []
    for i in range(30):
        female = i % 3 == 0
        waited = (i * 11) % 120
        rows.append([
            personnummer(100 + i, female), "2" if female else "1", str(20 + i * 2), "12",
            f"SE2321000255-{1000 + i % 4}", "556000-0001" if i % 6 == 0 else "",
            day(i), "2025-03-31", str(waited), "", "0", "0",
            ["KONTAKT", "BEDOMNING", "FORSTABESOK", "ATGARD"][i % 4],
            "GENOMFORD" if i % 2 else "VANTANDE", "101",
        ])
    rows[7][4] = "SE232100025-1001"                 # row 9: HSA-id with nine digits
    rows[12][8] = "-3"                              # row 14: waiting time below 0
    rows[17][10] = "Ja"                             # row 19: PVV not 0/1 (the codebook ja-nej)
    rows[22][12] = "BESOK"                          # row 24: not a step of the care guarantee
    write("vantetider-region-b.csv", heading, rows, "\t", encoding="windows-1252")
    # The region's own name for the care provider's organisationsnummer.
    write("vantetider-region-b-map.csv", ["column", "variable"],
          [["Utförare orgnr", "vardgivare-orgnr"], ["Väntetid (dagar)", "VANTETID"]], ",")


def rikshoft():
    """Region C: `,`-separated UTF-8, national short names."""
    heading = ["PERSONNR", "KON", "ALDER", "REGION", "HDIA", "OP", "OPERATIONSDATUM",
               "ANKOMST", "OPSTART", "TID_TILL_OP", "FRAKTURTYP", "FRAKTURSIDA"]
    rows = []
    for i in range(25):
        female = i % 3 != 0
        hours = 6 + (i * 5) % 30
        arrival = datetime.datetime(2025, 4, 1, 8, 15) + datetime.timedelta(days=i, hours=i % 7)
        start = arrival + datetime.timedelta(hours=hours)
        rows.append([
            personnummer(200 + i, female), "2" if female else "1", str(70 + i % 25), "12",
            ["S72.0", "S72.1", "S72.2"][i % 3], ["NFB29", "NFB49", "NFB62"][i % 3],
            start.date().isoformat(), arrival.strftime("%Y-%m-%d %H:%M"),
            start.strftime("%Y-%m-%d %H:%M"), f"{hours},0",
            ["CERV-OD", "CERV-D", "BASO", "TROK-2", "TROK-F", "SUBT"][i % 6], str(1 + i % 2),
        ])
    rows[2][10] = "TROK-3"                          # row 4: not a fracture type of the codebook
    rows[15][10] = "trok-f"                         # row 17: codes are case-sensitive
    rows[8][7] = "2025-04-09 8:15"                  # row 10: ANKOMST hour without its leading 0
    rows[20][9] = "-2,5"                            # row 22: TID_TILL_OP below 0
    rows[11][0] = rows[11][0][:9] + "DA1B"          # row 13: a reserve number (pattern, personnummer)
    write("rikshoft-region-c.csv", heading, rows, ",")


if __name__ == "__main__":
    patientregistret()
    vantetider()
    rikshoft()
