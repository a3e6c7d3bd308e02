"""Records the importer was not written against (issue 25), as compact specs that build a
Word file with real tables; their plain-text forms (as `pdftotext -layout` prints them:
wrapped cells, column alignment) are in tests/fixtures/unseen/.

The bodies, people and facts are invented, in the shapes humanitarian bodies publish:
a cluster's minutes with a status table under capitalised topic rows, a working group's
action tracker, a workplan of 18 deliverables, an evaluation's management response plan
(with HTML fragments pasted from a web form) and a summary record with its date in prose.
HOLD_OUT records were written before any code change and only measured at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Topic = tuple[str]  # a row spanning the table
Row = list[str] | Topic
Spec = list[tuple[str, Any]]

LONG_PROGRESS = (
    "The cluster coordinator shared the draft localization roadmap with the Strategic "
    "Advisory Group on 3 May. Comments were received from five national NGOs, who asked "
    "that the roadmap set a target share of pooled funding for local partners, that "
    "training on proposal writing be offered in Hausa and Kanuri, and that meetings at "
    "the sub-national level be co-chaired by a national NGO. The revised draft reflects "
    "these points, except the funding target, which the Humanitarian Country Team will "
    "discuss in June. Two sub-national hubs (Maiduguri and Damaturu) have nominated NGO "
    "co-chairs; the third hub will do so after the partner mapping is updated. A "
    "capacity self-assessment has been sent to 41 national partners and 23 have replied "
    "so far. The results will be presented at the next meeting with a proposed training "
    "calendar for the third quarter and a budget request to the pooled fund."
)

SHELTER: Spec = [
    ("title", "Shelter and NFI Cluster Coordination Meeting"),
    ("para", "Date: 12 May 2021"),
    ("para", "Chair: Ms. Amina Yusuf (UNHCR), Cluster Coordinator"),
    ("para", "Venue: Virtual (MS Teams)"),
    ("heading", "1. Welcome and introductions"),
    (
        "para",
        "The Coordinator welcomed 34 participants from 22 organisations and introduced the "
        "new Information Management Officer seconded by REACH.",
    ),
    ("heading", "2. Status of action points"),
    (
        "table",
        [
            ["Action Point", "Lead", "Status", "Progress Overview"],
            ("LOCALIZATION",),
            [
                "Finalise the localization roadmap and circulate it to partners",
                "Cluster Coordinator",
                "Ongoing",
                LONG_PROGRESS,
            ],
            [
                "Nominate national NGO co-chairs for the sub-national hubs",
                "ICVA",
                "In progress",
                "Two of three hubs have nominated co-chairs.",
            ],
            [
                "Translate the NFI distribution guidance into Hausa and Kanuri",
                "NRC",
                "Completed",
                "Shared on the cluster website on 28 April.",
            ],
            [
                "Map the capacity of national partners in the north-east",
                "REACH",
                "Pending",
                "Questionnaire sent to 41 partners.",
            ],
            ("COORDINATION",),
            [
                "Update the 4W matrix with the April distributions",
                "IOM",
                "Completed",
                "Matrix updated; 18 partners reported.",
            ],
            [
                "Agree a common rental subsidy rate with the Cash Working Group",
                "UNHCR / NRC",
                "Ongoing",
                "Draft rate under discussion with the CWG by end of May.",
            ],
            [
                "Share the updated contingency stock list",
                "IFRC",
                "Done",
                "",
            ],
            [
                "Present the shelter severity map at the ICCG",
                "OCHA",
                "Pending",
                "Waiting for the new population figures.",
            ],
            [
                "Organise a training on house-land-property rights for field staff",
                "NRC",
                "Cancelled",
                "Merged with the protection cluster training.",
            ],
            ("ACCOUNTABILITY TO AFFECTED PEOPLE",),
            [
                "Set up a feedback hotline for the camps in Bama",
                "IOM",
                "In progress",
                "Hotline number procured; staff recruitment ongoing.",
            ],
            [
                "Include women and persons with disabilities in the shelter design consultations",
                "CARE",
                "Ongoing",
                "Consultations held in 3 of 6 camps.",
            ],
            [
                "Publish the findings of the post-distribution monitoring",
                "REACH",
                "Completed",
                "Report published on ReliefWeb.",
            ],
            [
                "Train partner staff on complaint referral",
                "Cluster Coordinator",
                "Pending",
                "",
            ],
        ],
    ),
    ("heading", "3. Partner updates"),
    (
        "para",
        "IOM reported that the rainy season preparedness kits had been prepositioned in "
        "Maiduguri and that 1,200 households would receive them before the end of June.",
    ),
    (
        "para",
        "NRC noted that rental prices had risen by about 30 per cent since January and "
        "asked the cluster to advocate for a higher subsidy rate.",
    ),
    ("heading", "4. AOB"),
    ("para", "The next meeting will be held on 9 June 2021 at 10:00."),
]

WORKPLAN_ROWS: list[Row] = [
    ["Priority Area", "Deliverable", "Timeframe / Status", "Lead", "Partners"],
    ("1. ACCESS TO SAFE LEARNING",),
]
_DELIVERABLES = [
    ("Map the schools damaged by the floods", "Q1 2021 [COMPLETED]", "UNICEF", "Save the Children"),
    ("Set up 40 temporary learning spaces", "Q2 2021 [ONGOING]", "Save the Children", "NRC, Plan"),
    ("Distribute learning kits to 12,000 children", "Q2 2021 [ONGOING]", "UNICEF", "NRC"),
    ("Agree minimum standards for temporary spaces", "Q1 2021 [COMPLETED]", "Cluster", "INEE"),
    ("Rehabilitate latrines in 25 schools", "Q3 2021", "Plan International", "WASH Cluster"),
    ("Train 300 teachers on psychosocial support", "Q3 2021", "NRC", "IRC, UNICEF"),
    ("TOPIC", "2. QUALITY OF LEARNING", "", ""),
    (
        "Adapt the accelerated learning curriculum",
        "Q2 2021 [ONGOING]",
        "Ministry of Education",
        "UNESCO",
    ),
    (
        "Produce radio lessons for children out of school",
        "Q2 2021 [COMPLETED]",
        "UNICEF",
        "BBC Media Action",
    ),
    ("Assess learning outcomes in the temporary spaces", "Q4 2021", "REACH", "Save the Children"),
    (
        "Develop a teacher incentive policy with the state",
        "Q3 2021 [ONGOING]",
        "Cluster",
        "Ministry of Education",
    ),
    (
        "Pilot remote learning in two local government areas",
        "Q3 2021",
        "Plan International",
        "UNICEF",
    ),
    ("TOPIC", "3. COORDINATION AND ADVOCACY", "", ""),
    ("Publish the monthly 5W dashboard", "Monthly [ONGOING]", "Cluster IMO", "All partners"),
    (
        "Hold a joint needs assessment with child protection",
        "Q2 2021 [COMPLETED]",
        "Cluster",
        "CP AoR",
    ),
    (
        "Advocate with the Humanitarian Country Team and the donors present in the country "
        "for the inclusion of education in the first phase of every multi-sector response, "
        "including the rapid response mechanism, the pooled fund allocations for the flood "
        "response and the cash programmes that target families with school-aged children, so "
        "that fees, uniforms and learning materials are covered for the children displaced "
        "since August 2020; the advocacy note will draw on the joint needs assessment, the "
        "learning outcome study and the experience of partners in the three most affected "
        "states, and it will be presented with the Child Protection Area of Responsibility.",
        "Q2 2021 [ONGOING]",
        "Cluster Coordinator",
        "Save the Children, UNICEF",
    ),
    (
        "Update the cluster contingency plan for the rainy season",
        "Q2 2021",
        "UNICEF",
        "All partners",
    ),
    ("Run a localization workshop for national NGOs", "Q4 2021", "Save the Children", "ICVA"),
    ("Agree a referral pathway with child protection", "Q3 2021 [ONGOING]", "Cluster", "CP AoR"),
    ("Develop the 2022 Humanitarian Response Plan chapter", "Q4 2021", "Cluster", "All partners"),
]
for _d in _DELIVERABLES:
    if _d[0] == "TOPIC":
        WORKPLAN_ROWS.append((_d[1],))
    else:
        WORKPLAN_ROWS.append(["", _d[0], _d[1], _d[2], _d[3]])

WORKPLAN: Spec = [
    ("title", "Education Cluster Workplan 2021"),
    ("para", "Workplan progress report"),
    ("para", "Reporting period: January – June 2021"),
    (
        "para",
        "This report gives the status of the deliverables agreed by the Strategic Advisory "
        "Group in December 2020.",
    ),
    ("table", WORKPLAN_ROWS),
    ("para", "DRAFT – for discussion"),
]

# The same workplan as many Word workplans are drawn: one row a priority area, its
# deliverables, timeframes and leads as paragraphs of the row's cells.
WORKPLAN_STACKED_ROWS: list[Row] = [list(WORKPLAN_ROWS[0])]
_area: list[list[str]] = []
for _d in [("TOPIC", "1. ACCESS TO SAFE LEARNING", "", ""), *_DELIVERABLES]:
    if _d[0] == "TOPIC":
        _area = [[_d[1]], [], [], [], []]
        WORKPLAN_STACKED_ROWS.append(_area)  # type: ignore[arg-type]
    else:
        for n, value in enumerate(_d, 1):
            _area[n].append(value)
WORKPLAN_STACKED_ROWS = [WORKPLAN_STACKED_ROWS[0]] + [
    ["\n".join(c) for c in area] for area in WORKPLAN_STACKED_ROWS[1:]
]
WORKPLAN_STACKED: Spec = [*WORKPLAN[:4], ("table", WORKPLAN_STACKED_ROWS), WORKPLAN[5]]

# An evaluation's management response plan, its cells pasted from a web form (HTML kept).
RESPONSE_ROWS: list[Row] = [
    ["Recommendation", "Follow-up action", "Lead", "Timeframe", "Comments"],
    ("Recommendation 13.4.1: Strengthen the collective approach to accountability",),
    [
        "13.4.1",
        "<p>Agree a system-wide framework for community feedback</p>",
        "OCHA",
        "Q2 2021",
        "<p>Builds on the 2019 <i>collective AAP</i> framework.</p>",
    ],
    [
        "",
        "Same action as previous point",
        "OCHA",
        "Q2 2021",
        "",
    ],
    [
        "",
        '<ul style="margin-left:12px"><li>Fund a common feedback service</li>'
        "<li>Report on feedback quarterly</li></ul>",
        "UNICEF",
        "Q3 2021",
        "Subject to funding",
    ],
    ("Recommendation 13.4.2: Make localization a measurable commitment",),
    ["13.4.2", "Set a target for funding to local actors", "IASC OPAG", "Q3 2021", ""],
    ["", "Publish the share of pooled funds to local actors", "OCHA", "Annually", "<i>Ongoing</i>"],
    ["", "Include local NGOs in cluster leadership", "Global Clusters", "Q4 2021", ""],
    ("Recommendation 13.5.1: Improve the use of data across the response",),
    ["13.5.1", "<p>Develop data-sharing protocols between clusters</p>", "IOM", "Q2 2021", ""],
    [
        "",
        "Train cluster IMOs on data responsibility",
        "OCHA",
        "Q3 2021",
        "With the Centre for Humanitarian Data",
    ],
    ["", "Same action as previous point", "UNHCR", "Q3 2021", ""],
    ["", "Publish a common operational dataset on displacement", "IOM", "Q4 2021", ""],
    ("Recommendation 13.6.1: Protect the centrality of protection",),
    ["13.6.1", "Review the HCT protection strategy", "UNHCR", "Q2 2021", "<p>Draft circulated</p>"],
    [
        "",
        "Brief new humanitarian coordinators on protection",
        "Global Protection Cluster",
        "Q3 2021",
        "",
    ],
    ["", "<p>Monitor protection risks in the cash programmes</p>", "WFP", "Q4 2021", ""],
    ["", "Same action as previous point", "UNHCR", "Q4 2021", "Joint with WFP"],
    ["", "Report to the Emergency Directors Group on progress", "OCHA", "December 2021", ""],
]

RESPONSE_PLAN: Spec = [
    ("title", "Management Response Plan"),
    ("para", "Inter-Agency Humanitarian Evaluation of the Response to the Sahel Crisis"),
    (
        "para",
        "The plan sets out the follow-up actions agreed by the Emergency Directors Group to "
        "the recommendations of the evaluation, with a lead and a timeframe for each.",
    ),
    ("table", RESPONSE_ROWS),
]

TRACKER: Spec = [
    ("title", "Protection Working Group – Action Tracker"),
    ("para", "Updated: 3 March 2021"),
    (
        "table",
        [
            ["#", "Action", "Responsible", "Deadline", "Status", "Comments"],
            [
                "1",
                "Circulate the updated GBV referral pathway",
                "UNFPA",
                "15 March 2021",
                "Completed",
                "Sent to the mailing list",
            ],
            [
                "2",
                "Draft the protection monitoring questionnaire",
                "DRC",
                "31 March 2021",
                "Ongoing",
                "First draft reviewed by the AoRs",
            ],
            [
                "3",
                "Organise a training on protection mainstreaming",
                "UNHCR",
                "April 2021",
                "Pending",
                "",
            ],
            [
                "4",
                "Share the list of focal points for child protection",
                "UNICEF",
                "10 March 2021",
                "Done",
                "See annex",
            ],
            [
                "5",
                "Agree on referral of cases from the hotline",
                "IOM; UNHCR",
                "30 April 2021",
                "In progress",
                "Meeting held on 1 March",
            ],
            [
                "6",
                "Update the legal aid service map",
                "NRC",
                "End of March",
                "Ongoing",
                "Two partners still to report",
            ],
        ],
    ),
]

SUMMARY: Spec = [
    ("title", "Food Security Sector"),
    (
        "para",
        "The Strategic Advisory Group (SAG) of the Food Security Sector met on 16 July 2020 "
        "to discuss the lean season response, the results of the IPC analysis and the "
        "funding gap for the second half of the year.",
    ),
    ("para", "Reporting period: 1 April – 30 June 2020"),
    ("heading", "Lean season response"),
    (
        "para",
        "WFP reported that 1.2 million people had been reached in June and that pipeline "
        "breaks were expected from September unless new contributions were confirmed.",
    ),
    (
        "bullets",
        [
            "· Cereal prices rose by 25 per cent",
            "· Two markets remain closed",
            "· Livestock prices fell",
        ],
    ),
    ("heading", "Action Points"),
    (
        "bullets",
        [
            "• Share the updated IPC figures with the SAG members [FAO]",
            "• Draft an advocacy note on the funding gap [WFP; FAO]",
            "• Organise a meeting with the national NGO forum on the lean season [ICVA]",
        ],
    ),
    ("para", "DRAFT"),
]

# Written before any code change; not looked at while the importer was changed.
HOLD_OUT_TRACKER: Spec = [
    ("title", "Camp Coordination and Camp Management Cluster – Monthly Meeting"),
    ("para", "The CCCM Cluster met on 4 February 2021 to review the winterization response."),
    ("heading", "Follow-up actions"),
    (
        "table",
        [
            ["Action", "Lead", "Status", "Comments"],
            ("WINTERIZATION",),
            ["Distribute winter kits in the northern sites", "IOM", "Completed", "4,300 kits"],
            ["Insulate the communal shelters", "ACTED", "Ongoing", "Half done"],
            ("SITE MANAGEMENT",),
            ["Elect site committees with women members", "DRC", "Pending", ""],
            ["Close the transit site in Azaz", "IOM", "Cancelled", "Site remains open"],
        ],
    ),
]
HOLD_OUT_SPECS = {"cccm-monthly": HOLD_OUT_TRACKER}
SPECS = {
    "shelter-cluster-minutes": SHELTER,
    "education-workplan": WORKPLAN,
    "education-workplan-stacked": WORKPLAN_STACKED,
    "evaluation-response-plan": RESPONSE_PLAN,
    "protection-action-tracker": TRACKER,
    "food-security-summary": SUMMARY,
}


def build_docx(spec: Spec, path: Path) -> Path:
    """The record as Word: a Title, headings, paragraphs, bullets and real tables (a topic
    row is one cell merged across the table)."""
    import docx

    d = docx.Document()
    for kind, value in spec:
        if kind == "title":
            d.add_paragraph(value, style="Title")
        elif kind == "heading":
            d.add_heading(value, level=2)
        elif kind == "para":
            d.add_paragraph(value)
        elif kind == "bullets":
            for text in value:
                d.add_paragraph(text.lstrip("•· "), style="List Bullet")
        elif kind == "table":
            width = len(value[0])
            table = d.add_table(rows=len(value), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(value):
                if len(row) == 1:
                    merged = table.cell(r, 0).merge(table.cell(r, width - 1))
                    merged.text = row[0]
                    continue
                for c, cell in enumerate(row):
                    first, *more = cell.split("\n")  # a cell of several paragraphs
                    table.cell(r, c).text = first
                    for text in more:
                        table.cell(r, c).add_paragraph(text)
    d.save(str(path))
    return path


def spec_text(spec: Spec) -> str:
    """Every text of the spec, for the conservation check of the Word form."""
    out: list[str] = []
    for kind, value in spec:
        if kind == "table":
            out += [cell for row in value for cell in row]
        elif kind == "bullets":
            out += list(value)
        else:
            out.append(value)
    return "\n".join(out)
