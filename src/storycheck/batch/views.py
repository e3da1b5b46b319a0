"""Reading batch results: the tables, plus views for the questions researchers ask first.

Views are temporary, made on each connection, so reading never changes the
results file, and a Parquet folder reads the same as a DuckDB file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storycheck.analyzers.reliability.rubric import BASE as TYPICAL_SCORE
from storycheck.batch.tables import SCHEMAS

# An outlet's record is shrunk toward a typical story's score as if it had this
# many typical stories more: a handful of stories says little.
PRIOR_STORIES = 5

VIEWS: dict[str, str] = {
    # Outlets by how their claims are sourced: named, unnamed, or nobody.
    "outlet_sources": """
        SELECT coalesce(s.outlet, '(unknown)') AS outlet,
               count(DISTINCT s.doc_id) AS stories,
               count(c.doc_id) AS claims,
               round(avg(CASE WHEN c.source_class = 'named' THEN 1 ELSE 0 END), 3)
                   AS share_named,
               round(avg(CASE WHEN c.source_class = 'unnamed' THEN 1 ELSE 0 END), 3)
                   AS share_unnamed,
               round(avg(CASE WHEN c.source_class = 'none' THEN 1 ELSE 0 END), 3)
                   AS share_unsourced
        FROM stories s JOIN claims c USING (doc_id)
        GROUP BY ALL
    """,
    # Outlets by the evidence their claims come with.
    "outlet_evidence": """
        SELECT coalesce(s.outlet, '(unknown)') AS outlet,
               count(c.doc_id) AS claims,
               round(avg(CASE WHEN c.evidence = 'shown' THEN 1 ELSE 0 END), 3) AS share_shown,
               round(avg(CASE WHEN c.evidence = 'cited' THEN 1 ELSE 0 END), 3) AS share_cited,
               round(avg(CASE WHEN c.evidence = 'promised' THEN 1 ELSE 0 END), 3)
                   AS share_promised,
               round(avg(CASE WHEN c.evidence = 'asserted' THEN 1 ELSE 0 END), 3)
                   AS share_asserted,
               round(avg(CASE WHEN c.evidence = 'disputed' THEN 1 ELSE 0 END), 3)
                   AS share_disputed
        FROM stories s JOIN claims c USING (doc_id)
        GROUP BY ALL
    """,
    # Each story's reliability estimate, and the score of its own signals without the
    # outlet's rating (``text_score``), beside the rating the site lists give its outlet.
    "story_reliability": """
        SELECT doc_id, coalesce(outlet, '(unknown)') AS outlet,
               CAST(json_extract(report, '$.summaries.reliability.score') AS DOUBLE) AS score,
               json_extract_string(report, '$.summaries.reliability.band') AS band,
               CAST(json_extract(report, '$.summaries.reliability.text_score') AS DOUBLE)
                   AS text_score,
               json_extract_string(report, '$.summaries.reliability.outlet.rating')
                   AS listed_rating,
               json_extract_string(report, '$.summaries.reliability.outlet.list') AS listed_by,
               CAST(json_extract(report, '$.summaries.reliability.outlet.value') AS DOUBLE)
                   AS listed_value
        FROM stories
        WHERE json_extract(report, '$.summaries.reliability.score') IS NOT NULL
    """,
    # Outlets by their record: the mean text score of their stories, shrunk toward
    # a typical story's when they have few, beside the site lists' rating.
    "outlet_reliability": f"""
        SELECT outlet, count(*) AS stories,
               round(avg(text_score), 1) AS mean_text_score,
               round((sum(text_score) + {PRIOR_STORIES} * {TYPICAL_SCORE})
                     / (count(*) + {PRIOR_STORIES}), 1) AS record,
               any_value(listed_rating) AS listed_rating,
               any_value(listed_by) AS listed_by,
               any_value(listed_value) AS listed_value
        FROM story_reliability
        GROUP BY outlet
    """,
    # How far the outlets' records agree with the site lists over every rated outlet:
    # Spearman's rho (ties take their mean rank) and the mean record per listed rating.
    "outlet_agreement": """
        WITH ranked AS (
            SELECT record, listed_value,
                   rank() OVER (ORDER BY record)
                       + (count(*) OVER (PARTITION BY record) - 1) / 2.0 AS record_rank,
                   rank() OVER (ORDER BY listed_value)
                       + (count(*) OVER (PARTITION BY listed_value) - 1) / 2.0 AS listed_rank
            FROM outlet_reliability WHERE listed_value IS NOT NULL
        )
        SELECT count(*) AS rated_outlets,
               round(corr(record_rank, listed_rank), 3) AS spearman,
               round(avg(record) FILTER (WHERE listed_value > 0), 1) AS mean_record_high,
               round(avg(record) FILTER (WHERE listed_value = 0), 1) AS mean_record_mixed,
               round(avg(record) FILTER (WHERE listed_value < 0), 1) AS mean_record_low
        FROM ranked
    """,
    "errors_by_stage": """
        SELECT stage, code, count(*) AS documents, any_value(reason) AS example
        FROM errors GROUP BY ALL ORDER BY documents DESC
    """,
}


def connect(path: Path) -> Any:
    """A read-only connection with every table and view, or FileNotFoundError."""
    import duckdb

    if not path.exists():
        raise FileNotFoundError(path)
    if path.is_dir():
        connection = duckdb.connect()
        for name in SCHEMAS:
            parts = path / name
            if any(parts.glob("*.parquet")):
                source = f"read_parquet('{parts.as_posix()}/*.parquet')"
            else:
                columns = ", ".join(f'NULL::{kind} AS "{column}"' for column, kind in SCHEMAS[name])
                source = f"(SELECT {columns} WHERE false)"
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
    else:
        connection = duckdb.connect(str(path), read_only=True)
    for name, sql in VIEWS.items():
        connection.execute(f"CREATE TEMP VIEW {name} AS {sql}")
    return connection


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one SQL query on a results file, views included, the connection closed after."""
    connection = connect(path)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()
