// A class's seating plan (class page, issue 12): "Arrange seats" turns the
// tiles into the room's grid, front at the top. A tile moves by dragging it
// (pointer events, so a finger works as well as a mouse), by tapping it and
// then the seat it goes to (no dragging needed: WCAG 2.5.7), or with the
// arrow keys while it has focus. Moving onto another pupil swaps the two.
// "Save seats" sends "pupil:row:seat" for each seated tile to
// POST /classes/{id}/seats. Outside arrange mode nothing here acts, so a tap
// on a tile still chooses the pupil for recording.
(function () {
  "use strict";
  var box = document.getElementById("class-tiles");
  var form = document.getElementById("class-seats");
  if (!box || !form) return;
  var rows = Number(box.getAttribute("data-rows"));
  var columns = Number(box.getAttribute("data-columns"));
  var tools = box.querySelector("[data-seats-tools]");
  var arrange = box.querySelector("[data-seats-arrange]");
  var editing = box.querySelector("[data-seats-editing]");
  var hint = box.querySelector("[data-seats-hint]");
  var status = box.querySelector("[data-seats-status]");
  if (!tools || !arrange || !rows || !columns) return;
  tools.hidden = false;

  var arranging = false;
  var grid = null;
  var picked = null;
  var drag = null;
  var justDragged = false;

  function nameOf(li) {
    var name = li.querySelector(".tile__name");
    return name ? name.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function setSeat(li, row, column) {
    li.className = li.className.replace(/\bseat-[rc]\d+\b/g, "").trim();
    li.classList.add("seat-r" + row, "seat-c" + column);
    li.setAttribute("data-row", row);
    li.setAttribute("data-column", column);
  }
  function at(row, column) {
    return grid.querySelector('li[data-row="' + row + '"][data-column="' + column + '"]');
  }
  function say(text) {
    if (status) status.textContent = text;
  }
  function where(li) {
    return "row " + li.getAttribute("data-row") + ", seat " + li.getAttribute("data-column");
  }

  // Moves tile `li` to (row, column): a pupil already there takes li's old
  // seat; an empty seat's marker moves the other way.
  function moveTo(li, row, column) {
    var from = [li.getAttribute("data-row"), li.getAttribute("data-column")];
    var there = at(row, column);
    if (there === li) return;
    if (there) setSeat(there, from[0], from[1]);
    setSeat(li, row, column);
    say(nameOf(li) + ": " + where(li) + (there && there.hasAttribute("data-pupil") ? "; " + nameOf(there) + ": " + where(there) : ""));
  }

  function emptySeat(row, column) {
    var li = document.createElement("li");
    li.className = "seat-empty";
    li.setAttribute("aria-hidden", "true");
    setSeat(li, row, column);
    return li;
  }

  function start() {
    arranging = true;
    grid = box.querySelector(".tiles--seated");
    var all = Array.prototype.slice.call(box.querySelectorAll(".tiles > li[data-pupil]"));
    if (!grid) {
      grid = document.createElement("ul");
      grid.className = "tiles tiles--seated";
      grid.setAttribute("aria-label", "Seating plan");
      var first = box.querySelector(".tiles");
      first.parentNode.insertBefore(grid, first);
      var front = document.createElement("p");
      front.className = "seats-front";
      front.textContent = "Front of the room";
      grid.parentNode.insertBefore(front, grid);
    }
    var taken = {};
    all.forEach(function (li) {
      if (li.hasAttribute("data-row")) taken[li.getAttribute("data-row") + ":" + li.getAttribute("data-column")] = true;
    });
    // Those without a seat take the first free ones, in the class's order.
    var r = 1, c = 1;
    all.forEach(function (li) {
      if (li.parentNode !== grid) {
        while (r <= rows && taken[r + ":" + c]) {
          c++;
          if (c > columns) { c = 1; r++; }
        }
        if (r > rows) return;  // more pupils than seats: the rest stay unseated
        setSeat(li, r, c);
        taken[r + ":" + c] = true;
        grid.appendChild(li);
      }
    });
    for (var row = 1; row <= rows; row++) {
      for (var column = 1; column <= columns; column++) {
        if (!taken[row + ":" + column]) grid.appendChild(emptySeat(row, column));
      }
    }
    Array.prototype.forEach.call(box.querySelectorAll(".tiles"), function (list) {
      if (list !== grid && !list.querySelector("li")) {
        var label = list.previousElementSibling;
        if (label && label.classList.contains("seats-unseated")) label.remove();
        list.remove();
      }
    });
    box.classList.add("class-tiles--arranging");
    arrange.setAttribute("aria-pressed", "true");
    arrange.hidden = true;
    editing.hidden = false;
    hint.hidden = false;
    Array.prototype.forEach.call(grid.querySelectorAll(".tile__box"), function (input) {
      input.setAttribute("aria-describedby", "seats-hint");
    });
    say("Arranging seats. " + hint.textContent);
    var firstTile = grid.querySelector(".tile__box");
    if (firstTile) firstTile.focus();
  }

  function tileOf(target) {
    var li = target.closest ? target.closest("li") : null;
    return li && grid && li.parentNode === grid ? li : null;
  }

  function pick(li) {
    if (picked) picked.classList.remove("tile--picked");
    picked = li;
    if (li) {
      li.classList.add("tile--picked");
      say(nameOf(li) + " picked up: tap the seat they go to.");
    }
  }

  // Taps: choose a tile, then where it goes. The checkbox is not ticked
  // while arranging.
  box.addEventListener("click", function (event) {
    if (!arranging) return;
    var li = tileOf(event.target);
    if (!li) return;
    event.preventDefault();
    if (justDragged) { justDragged = false; return; }
    if (!picked) {
      if (li.hasAttribute("data-pupil")) pick(li);
      return;
    }
    if (li !== picked) moveTo(picked, li.getAttribute("data-row"), li.getAttribute("data-column"));
    pick(null);
  });

  box.addEventListener("keydown", function (event) {
    if (!arranging || !event.target.classList.contains("tile__box")) return;
    var li = tileOf(event.target);
    if (!li) return;
    var row = Number(li.getAttribute("data-row"));
    var column = Number(li.getAttribute("data-column"));
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();  // arranging, not choosing
      return;
    }
    var m = moves[event.key];
    if (!m) return;
    event.preventDefault();
    var r = row + m[0], c = column + m[1];
    if (r < 1 || r > rows || c < 1 || c > columns) {
      say(nameOf(li) + " is at the edge of the room: " + where(li));
      return;
    }
    moveTo(li, r, c);
  });

  // Dragging: the tile follows the pointer; let go over a seat to move there.
  box.addEventListener("pointerdown", function (event) {
    if (!arranging || event.button > 0) return;
    var li = tileOf(event.target);
    if (!li || !li.hasAttribute("data-pupil")) return;
    drag = { li: li, x: event.clientX, y: event.clientY, id: event.pointerId, moving: false };
    li.setPointerCapture(event.pointerId);
  });
  box.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.id) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moving && Math.abs(dx) + Math.abs(dy) < 8) return;
    drag.moving = true;
    drag.li.classList.add("tile--dragging");
    drag.li.style.transform = "translate(" + dx + "px, " + dy + "px)";
  });
  function endDrag(event) {
    if (!drag || event.pointerId !== drag.id) return;
    var d = drag;
    drag = null;
    d.li.classList.remove("tile--dragging");
    d.li.style.transform = "";
    if (!d.moving || event.type === "pointercancel") return;
    justDragged = true;
    window.setTimeout(function () { justDragged = false; }, 0);
    var under = document.elementFromPoint(event.clientX, event.clientY);
    var target = under ? tileOf(under) : null;
    if (target) moveTo(d.li, target.getAttribute("data-row"), target.getAttribute("data-column"));
    pick(null);
  }
  box.addEventListener("pointerup", endDrag);
  box.addEventListener("pointercancel", endDrag);

  arrange.addEventListener("click", start);
  var cancel = box.querySelector("[data-seats-cancel]");
  if (cancel) cancel.addEventListener("click", function () { window.location.reload(); });

  form.addEventListener("submit", function (event) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name="seat"]'), function (i) { i.remove(); });
    var clear = event.submitter && event.submitter.hasAttribute("data-seats-clear");
    if (clear || !grid) return;
    Array.prototype.forEach.call(grid.querySelectorAll("li[data-pupil]"), function (li) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "seat";
      input.value = li.getAttribute("data-pupil") + ":" + li.getAttribute("data-row") + ":" + li.getAttribute("data-column");
      form.appendChild(input);
    });
  });
})();
