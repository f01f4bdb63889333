#!/usr/bin/env python3
"""Writes a synthetic WordPress export (WXR 1.2) of about SIZE bytes to FILE,
streaming: one item at a time goes to the file, nothing grows with the size.
Posts carry WordPress's raw text (no <p>), categories, tags and a thread of
comments (replies, a pending one, commenters' URLs with a raw '&' as WordPress
writes them). Deterministic (seeded), so two runs write the same file.
  bench/wxr-generate.py FILE SIZE_MB
Prints the number of posts and comments written."""
import random
import sys

path, megabytes = sys.argv[1], int(sys.argv[2])
target = megabytes * 1024 * 1024
rng = random.Random(12)
words = ("river bridge council budget harbour election school hospital market train festival "
         "museum storm drought minister mayor court police housing energy weather football "
         "theatre library airport factory union strike vote tax climate").split()
sections = ["world", "politics", "business", "city", "culture", "sport", "science"]
tags = [f"{a}-{b}" for a in words[:12] for b in words[12:24]]

def sentence():
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 18))).capitalize() + "."

def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(3, 6)))

head = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Synthetic Daily</title>
	<link>http://synthetic.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://synthetic.example</wp:base_site_url>
	<wp:base_blog_url>http://synthetic.example</wp:base_blog_url>
"""
authors = "".join(
    f"\t<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login><![CDATA[writer{i}]]></wp:author_login>"
    f"<wp:author_email><![CDATA[writer{i}@synthetic.example]]></wp:author_email>"
    f"<wp:author_display_name><![CDATA[Writer {i}]]></wp:author_display_name></wp:author>\n" for i in range(1, 6))
terms = "".join(
    f"\t<wp:category><wp:category_nicename><![CDATA[{s}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent>"
    f"<wp:cat_name><![CDATA[{s.title()}]]></wp:cat_name></wp:category>\n" for s in sections)

post_id = 0
comment_id = 0
posts = 0
comments = 0
with open(path, "w", encoding="utf-8", newline="\n") as out:
    out.write(head + authors + terms)
    written = len(head) + len(authors) + len(terms)
    while written < target:
        post_id += 1
        day = 1 + post_id % 28
        month = 1 + (post_id // 28) % 12
        year = 2010 + (post_id // 336) % 15
        slug = f"story-{post_id}"
        body = "\n\n".join(paragraph() for _ in range(rng.randint(3, 8)))
        section = rng.choice(sections)
        post_tags = rng.sample(tags, 2)
        thread = []
        for n in range(rng.randint(0, 12)):
            comment_id += 1
            parent = thread[-1][0] if thread and n % 3 == 2 else 0
            approved = "0" if n % 7 == 6 else "1"
            thread.append((comment_id, parent, approved))
        item = [f"""	<item>
		<title><![CDATA[{sentence()[:-1]}]]></title>
		<link>http://synthetic.example/{year}/{month:02d}/{day:02d}/{slug}/</link>
		<dc:creator><![CDATA[writer{1 + post_id % 5}]]></dc:creator>
		<content:encoded><![CDATA[{body}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date><![CDATA[{year}-{month:02d}-{day:02d} 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{year}-{month:02d}-{day:02d} 09:00:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="{section}"><![CDATA[{section.title()}]]></category>
"""]
        item += [f'\t\t<category domain="post_tag" nicename="{t}"><![CDATA[{t.replace("-", " ")}]]></category>\n' for t in post_tags]
        for cid, parent, approved in thread:
            item.append(f"""		<wp:comment>
			<wp:comment_id>{cid}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {cid % 997}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{cid % 997}@mail.example]]></wp:comment_author_email>
			<wp:comment_author_url>http://reader{cid % 997}.example/?a=1&b={cid}</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.{cid % 250}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{year}-{month:02d}-{day:02d} 12:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{year}-{month:02d}-{day:02d} 11:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{paragraph()}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
""")
        item.append("\t</item>\n")
        text = "".join(item)
        out.write(text)
        written += len(text)
        posts += 1
        comments += len(thread)
    out.write("</channel>\n</rss>\n")
print(f"{posts} posts, {comments} comments")
