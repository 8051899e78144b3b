/*
 * web_assets.c - everything the console's pages load besides themselves:
 * one style sheet and one script, compiled into the program.  The box
 * has no internet and staff phones may have none either, so nothing comes
 * from a CDN, no font is fetched; the Content-Security-Policy allows only
 * these two ('self'), never inline script or style.
 *
 * The script is small and optional: the pages work without it.  It
 * refreshes the queue's rows and the thread every few seconds, counts a
 * reply's SMS parts and its coding as it is typed (the same rules as
 * sms.c: GSM-7 160 / 153, UCS-2 70 / 67 per part, extension characters
 * count two), and puts a chosen template into the reply box.
 */
#include <string.h>

#include "web.h"

static const char style_css[] =
"*{box-sizing:border-box}"
"body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
"sans-serif;color:#1b1b1b;background:#f6f6f3}"
"header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;"
"padding:.5rem 1rem;background:#123c4a;color:#fff}"
"header a{color:#fff;text-decoration:none;padding:.2rem .1rem}"
"header a[aria-current]{border-bottom:2px solid #ffd166}"
"nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;flex:1}"
".brand{font-size:1.1rem}.logout{display:flex;gap:.5rem;align-items:center}"
"main{padding:.8rem 1rem;max-width:70rem;margin:auto}"
"h1{font-size:1.3rem;margin:.3rem 0 .8rem}"
"table{border-collapse:collapse;width:100%;background:#fff}"
"th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ddd;"
"vertical-align:top}"
"tr.urgent td{background:#fff1ef}.badge{background:#b3261e;color:#fff;"
"border-radius:.3rem;padding:0 .35rem;font-size:.8rem;font-weight:600}"
".badge.review{background:#8a5a00}"
"td.unread{font-weight:700}td.preview{color:#333;word-break:break-word}"
"a{color:#0b5e7a}button{font:inherit;padding:.45rem .9rem;border-radius:"
".35rem;border:1px solid #0b5e7a;background:#0b5e7a;color:#fff;cursor:"
"pointer}button:focus,a:focus,textarea:focus,input:focus,select:focus{"
"outline:3px solid #ffd166}"
"input,textarea,select{font:inherit;padding:.4rem;border:1px solid #888;"
"border-radius:.3rem;width:100%;background:#fff}"
"label{display:block;margin:.5rem 0}label.check{display:flex;gap:.4rem;"
"align-items:center}label.check input{width:auto}"
"form.inline{display:inline}.actions{display:flex;flex-wrap:wrap;gap:.5rem;"
"align-items:center;margin:.6rem 0}"
"dl.head{display:grid;grid-template-columns:max-content 1fr;gap:.1rem "
".8rem;margin:0 0 .5rem}dt{color:#555}dd{margin:0}"
"ol.thread{list-style:none;padding:0;margin:.5rem 0}ol.thread li{padding:"
".45rem .6rem;margin:.3rem 0;border-radius:.4rem;background:#fff;"
"white-space:pre-wrap;word-break:break-word}"
"ol.thread li.in{border-left:4px solid #0b5e7a}"
"ol.thread li.staff{background:#e8f4ea;margin-left:1.5rem}"
"ol.thread li.robot{color:#666;font-size:.9rem;background:transparent}"
"ol.thread li.note{background:#fff8e1}ol.thread li.audit{color:#666;"
"font-size:.85rem;background:transparent}"
"time{color:#666;font-size:.85rem;margin-right:.3rem}.who{font-weight:600}"
".delivery{color:#555;font-size:.8rem}"
".counter{margin:.2rem 0;color:#333}.counter.over{color:#b3261e;"
"font-weight:700}"
".refused{color:#b3261e;font-weight:600}"
"form.login{max-width:22rem}"
".chart svg{width:100%;height:auto;margin:.6rem 0;background:#fff}"
"ul.map{padding-left:1rem}ul.map .answer{margin:.2rem 0;color:#333}"
".node{font-family:monospace;color:#555}"
"section.try{background:#fff;border:1px solid #ddd;border-radius:.4rem;"
"padding:.2rem .8rem .6rem;margin:.6rem 0 1rem}section.try h2{font-size:"
"1.1rem;margin:.5rem 0 .2rem}ol.try-chat li.try-said{margin-right:1.5rem}"
"ol.try-chat li.try-reply{color:#1b1b1b;font-size:1rem;background:#e8f4ea;"
"margin-left:1.5rem}.badge.person{background:#0b5e7a}"
"button.secondary{background:#fff;color:#0b5e7a}"
"@media (max-width:40rem){"
"table.queue thead{display:none}"
"table.queue tr{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;"
"padding:.4rem 0;border-bottom:1px solid #ccc}"
"table.queue td{border:0;padding:.05rem .3rem}"
"table.queue td.preview{grid-column:1/-1}"
"ol.thread li.staff{margin-left:.6rem}"
"ol.try-chat li.try-reply{margin-left:.6rem}"
"ol.try-chat li.try-said{margin-right:.6rem}}";

static const char app_js[] =
"'use strict';\n"
"(function(){\n"
"var basic='@\\u00a3$\\u00a5\\u00e8\\u00e9\\u00f9\\u00ec\\u00f2\\u00c7\\n"
"\\u00d8\\u00f8\\r\\u00c5\\u00e5\\u0394_\\u03a6\\u0393\\u039b\\u03a9\\u03a0"
"\\u03a8\\u03a3\\u0398\\u039e\\u00c6\\u00e6\\u00df\\u00c9 !\"#\\u00a4%&\\'()"
"*+,-./0123456789:;<=>?\\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\\u00c4\\u00d6"
"\\u00d1\\u00dc\\u00a7\\u00bfabcdefghijklmnopqrstuvwxyz\\u00e4\\u00f6"
"\\u00f1\\u00fc\\u00e0';\n"
"var ext='\\f^{}\\\\[~]|\\u20ac';\n"
"function measure(t){\n"
" var g=true,u=0,c,i,cs=Array.from(t);\n"
" for(i=0;i<cs.length;i++){c=cs[i];if(basic.indexOf(c)<0&&ext.indexOf(c)<0)"
"{g=false;break;}}\n"
" var units=cs.map(function(ch){return g?(ext.indexOf(ch)>=0?2:1):"
"(ch.length>1?2:1);});\n"
" units.forEach(function(n){u+=n;});\n"
" var one=g?160:70,per=g?153:67,parts=1,used=0;\n"
" if(u>one){parts=1;units.forEach(function(n){if(used+n>per){parts++;"
"used=0;}used+=n;});}\n"
" if(t.length===0)parts=0;\n"
" var forced=null;if(!g){for(i=0;i<cs.length;i++){if(basic.indexOf(cs[i])"
"<0&&ext.indexOf(cs[i])<0){forced=cs[i];break;}}}\n"
" return {parts:parts,gsm:g,forced:forced};}\n"
"var box=document.getElementById('reply-text'),"
"out=document.getElementById('reply-count');\n"
"function count(){if(!box||!out)return;var m=measure(box.value),"
"max=+box.getAttribute('data-max-parts');\n"
" out.textContent=m.parts+' SMS \\u00b7 '+(m.gsm?'GSM-7':'UCS-2'+"
"(m.forced?' (\\u00ab'+m.forced+'\\u00bb)':''))+(m.parts>max?' > '+max:'');"
"\n out.className='counter'+(m.parts>max?' over':'');}\n"
"if(box){box.addEventListener('input',count);count();}\n"
"var tpl=document.getElementById('template');\n"
"if(tpl&&box)tpl.addEventListener('change',function(){if(tpl.value){"
"box.value=tpl.value;count();box.focus();}});\n"
"function refresh(el,url,pick){setInterval(function(){\n"
" if(document.hidden)return;\n"
" fetch(url,{credentials:'same-origin'}).then(function(r){\n"
"  if(r.redirected&&/\\/login$/.test(r.url)){location.reload();return null;}"
"\n  return r.ok?r.text():null;}).then(function(h){\n"
"  if(h===null||h===undefined)return;\n"
"  if(pick){var d=new DOMParser().parseFromString(h,'text/html')"
".getElementById(el.id);if(d)el.innerHTML=d.innerHTML;}\n"
"  else el.innerHTML=h;}).catch(function(){});},5000);}\n"
"var q=document.getElementById('queue-rows');\n"
"if(q)refresh(q,q.getAttribute('data-refresh'),false);\n"
"var th=document.getElementById('thread');\n"
"if(th)refresh(th,location.pathname,true);\n"
"})();\n";

int
web_asset(struct web_req *r)
{
	const char *body;

	if (strcmp(r->path, "/static/style.css") == 0) {
		body = style_css;
		r->content_type = "text/css; charset=utf-8";
	} else if (strcmp(r->path, "/static/app.js") == 0) {
		body = app_js;
		r->content_type = "text/javascript; charset=utf-8";
	} else if (strcmp(r->path, "/favicon.ico") == 0) {
		r->status = 204;        /* none, and no 404 in the log */
		return 1;
	} else {
		return 0;
	}
	r->cacheable = 1;
	fputs(body, r->out);
	return 1;
}
