"""Small HTML pages written for these tests, one per structure the extractor relies on.

Every sentence here was written for the tests; none comes from a real site.
"""

from __future__ import annotations

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Harbour bridge reopens after repairs | The Coastal Ledger</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
</head>
<body>
<header class="site-header">
  <nav><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Harbour bridge reopens after repairs</h1>
  <p class="byline">By Mara Quint</p>
  <p>The harbour bridge reopened to traffic on Monday morning, three weeks after engineers
  closed it to replace worn expansion joints.</p>
  <figure>
    <img src="images/bridge.jpg" alt="Cars crossing the bridge">
    <figcaption>Traffic crosses the bridge shortly after it reopened.</figcaption>
  </figure>
  <p>City officials said the work, which cost about four million, finished two days ahead
  of the schedule they had published in spring.</p>
  <p>Commuters who had used the ferry said they were glad to be back on the road, although
  some planned to keep taking the boat.</p>
</article>
</main>
<aside class="sidebar">
  <h2>Most read</h2>
  <ul><li><a href="/a">Council votes on new parking rules</a></li></ul>
</aside>
<footer><p>Copyright 2024 The Coastal Ledger. All rights reserved.</p></footer>
</body>
</html>
"""

JSONLD_PAGE = """<html lang="es">
<head>
<title>Orchard cooperative doubles its harvest</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Valley Daily"},
  {"@type": "NewsArticle",
   "headline": "Orchard cooperative doubles its harvest",
   "author": [{"@type": "Person", "name": "Lena Ortiz"}, {"name": "Tomas Reyes"}],
   "datePublished": "2024-09-14T08:30:00+02:00",
   "dateModified": "2024-09-14T11:05:00+02:00",
   "image": {"@type": "ImageObject", "url": "https://example.org/orchard.jpg"},
   "publisher": {"@type": "Organization", "name": "Valley Daily"},
   "sourceOrganization": {"@type": "Organization", "name": "Regional Wire"},
   "articleBody": "The cooperative picked twice as many apples as last year."}
]}
</script>
</head>
<body>
<div class="story">
<h1>Orchard cooperative doubles its harvest</h1>
<p>The cooperative picked twice as many apples as last year, its members said on Saturday,
after a mild spring and a dry, warm summer.</p>
<p>Most of the fruit will be pressed into juice at the new plant, which opened in June and
employs twelve people from the surrounding villages.</p>
</div>
</body>
</html>
"""

# No semantic markup at all: a table layout, class-less divs, a link menu and a footer row.
PLAIN_PAGE = """<html><head><title>Library extends its opening hours</title></head>
<body>
<table><tr><td>
<div><a href="/">Front page</a> | <a href="/news">News</a> | <a href="/events">Events</a></div>
</td></tr>
<tr><td>
<div>
<b>Library extends its opening hours</b>
<div>The town library will stay open until nine in the evening on weekdays from next month,
the council announced, after a survey showed strong demand from students.</div>
<div>Weekend hours stay as they are, but the reading room will open an hour earlier on
Saturdays, and two extra staff members will be hired to cover the evenings.</div>
<div>Volunteers from the friends of the library group will also run a homework club on
Tuesday and Thursday evenings during the school term.</div>
</div>
</td></tr>
<tr><td><div><a href="/about">About us</a> | <a href="/contact">Contact</a></div></td></tr>
</table>
</body></html>
"""

# The sidebar and the footer carry disclosure-like text: it must stay boilerplate.
SIDEBAR_PAGE = """<html><head><title>Night market returns to the square</title></head>
<body>
<div id="page">
<div class="content">
<article class="post">
<h1>Night market returns to the square</h1>
<p>The night market returned to the old square on Friday, with forty stalls selling food,
crafts and second-hand books until midnight.</p>
<p>Organisers said the number of visitors was the highest since the market started, and
that they hoped to run it every second Friday until October.</p>
</article>
</div>
<aside class="widget-area">
<p>This image is AI-generated and does not depict a real event.</p>
<p>Sign up for our newsletter to get the week's best stories.</p>
</aside>
<div class="related-posts"><h3>Related</h3>
<p><a href="/x">This image is AI-generated: our policy on illustrations</a></p></div>
<div class="cookie-notice"><p>We use cookies to improve this site.</p></div>
</div>
</body></html>
"""

FIGURE_PAGE = """<html><head><title>New ferry enters service</title>
<meta property="og:image" content="https://example.org/og-ferry.jpg">
</head>
<body>
<article>
<h1>New ferry enters service</h1>
<p>The new electric ferry made its first crossing on Sunday, carrying two hundred
passengers across the bay in just under twenty minutes.</p>
<figure>
  <figcaption>The ferry leaves the north pier. Illustration created with an AI tool.</figcaption>
  <img src="img/ferry.png" alt="A white ferry">
</figure>
<p>The operator said the ferry charges at the south pier during the night, and that a
second vessel of the same design will follow next year.</p>
<img src="img/map.png" alt="Map of the route">
<p class="caption">The route across the bay.</p>
<p>Tickets cost the same as on the old diesel boat, and season passes remain valid for
the rest of the year.</p>
<img src="data:image/gif;base64,R0lGOD" data-src="img/pier.jpg" alt="">
<p>The council will review the timetable in the spring after collecting feedback from
passengers and residents of both towns.</p>
</article>
</body></html>
"""

SUPPRESSION_PAGE = """<html><head><title>Exhibition of weather maps</title>
<!-- provenance: disable-file=MET001 reason="archive page without byline" -->
</head>
<body>
<article>
<h1>Exhibition of weather maps</h1>
<p>The museum opened an exhibition of hand-drawn weather maps from the last century,
collected from ships' logs and old observatories.</p>
<!-- provenance: disable=AID003,AID004 reason="the maps are scans, not AI images" -->
<p>Visitors can compare the drawings with modern satellite pictures on screens placed
next to each of the maps in the main hall.</p>
<!-- an ordinary comment -->
<p>The exhibition runs until the end of March and entry is free on the first Sunday
of each month for residents of the city.</p>
</article>
</body></html>
"""

BROKEN_PAGE = """<html><head><title>Bakery wins regional prize</title>
<body>
<body>
<div class="article-body">
<h1>Bakery wins regional prize
<p>A family bakery from the river district won the regional bread prize on Thursday,
beating more than sixty other entries from across the province.
<p>The owners said the winning sourdough recipe came from a grandmother <b>who baked
<i>for the whole street</b></i> during the hard winters of the fifties.
</div></div></span>
<p>The prize includes a trip to the national competition in the capital next spring.
<table><tr><td>Unclosed cell
</body>
"""
