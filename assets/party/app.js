// The phone's side of party mode: join, answer, see how it went. Plain DOM, no framework.
// Everything from the server is shown with textContent, never parsed as HTML, so a player
// called "<img src=x onerror=alert(1)>" is shown as exactly that.
"use strict";

const SHAPES = ["▲", "◆", "●", "■"];
const TOKEN_KEY = "kdrama-quiz-party-token";
const code = new URLSearchParams(location.search).get("code") || "";
let socket = null;
let joined = false;
let retryDelay = 500;
let currentQuestion = null;
let options = [];
let finished = false;
let countdown = null;

const $ = (id) => document.getElementById(id);

function show(id) {
  for (const screen of document.querySelectorAll(".screen")) {
    screen.hidden = screen.id !== id;
  }
}

function status(text) {
  $("status").textContent = text;
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return n + "th";
  return n + ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(scheme + "//" + location.host + "/ws?code=" + encodeURIComponent(code));
  socket.onopen = () => {
    retryDelay = 500;
    status("Connected");
    const token = localStorage.getItem(TOKEN_KEY);
    socket.send(JSON.stringify(token ? { type: "join", token: token }
                                     : { type: "join", name: nameToSend }));
  };
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    handle(message);
  };
  socket.onclose = () => {
    socket = null;
    if (finished) {
      status("The game has ended. Thanks for playing!");
      return;
    }
    if (refused) return; // the server said why; the join form is showing
    if (!joined) {
      status("Could not reach the game: check the code on the big screen. Retrying…");
    } else {
      status("Connection lost; reconnecting…");
    }
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };
}

let nameToSend = null;
let refused = false;

function handle(message) {
  switch (message.type) {
    case "welcome":
      joined = true;
      refused = false;
      localStorage.setItem(TOKEN_KEY, message.token);
      $("me").textContent = message.name;
      $("score").textContent = message.score + " points";
      break;
    case "lobby":
      $("wait-title").textContent = "You're in!";
      $("wait-text").textContent = "Look at the big screen: the game starts soon.";
      show("wait");
      break;
    case "question":
      showQuestion(message);
      break;
    case "locked":
      if (currentQuestion === message.question) {
        $("locked-choice").textContent =
          SHAPES[message.option] + " " + (options[message.option] || "");
        show("locked");
      }
      break;
    case "refused":
      status("Not taken: " + message.reason);
      break;
    case "reveal":
      showReveal(message);
      break;
    case "podium":
      showPodium(message);
      break;
    case "paused":
      status(message.paused ? "The host paused the game" : "");
      break;
    case "error":
      // The server refused us for good (removed, full, unknown token): start over.
      joined = false;
      refused = true;
      localStorage.removeItem(TOKEN_KEY);
      $("join-error").textContent = message.reason;
      $("me").textContent = "";
      $("score").textContent = "";
      nameToSend = null;
      $("join-button").disabled = false;
      show("join");
      break;
  }
}

function startCountdown(message) {
  // Only a display: the host times every answer by its own clock.
  clearInterval(countdown);
  const ends = Date.now() + message.seconds * 1000;
  const head = "Question " + message.index + " of " + message.total + " · ";
  const tick = () => {
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
    $("question-head").textContent = head + left + " s";
    if (left === 0) clearInterval(countdown);
  };
  tick();
  countdown = setInterval(tick, 250);
}

function showQuestion(message) {
  currentQuestion = message.number;
  options = message.options;
  startCountdown(message);
  if (message.waiting) {
    $("wait-title").textContent = "Get ready";
    $("wait-text").textContent = "You join at the next question.";
    show("wait");
    return;
  }
  $("prompt").textContent = message.prompt || "";
  const box = $("options");
  box.replaceChildren();
  message.options.forEach((text, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "option-" + index;
    const shape = document.createElement("span");
    shape.className = "shape";
    shape.textContent = SHAPES[index];
    const label = document.createElement("span");
    label.textContent = text;
    button.append(shape, label);
    button.addEventListener("click", () => answer(index));
    box.append(button);
  });
  show("question");
}

function answer(index) {
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    status("Not connected yet; try again in a moment");
    return;
  }
  for (const button of $("options").querySelectorAll("button")) button.disabled = true;
  socket.send(JSON.stringify({ type: "answer", question: currentQuestion, option: index }));
}

function showReveal(message) {
  clearInterval(countdown);
  const title = $("reveal-title");
  if (message.right) {
    title.textContent = "Right! +" + message.points;
    title.className = "big right";
  } else {
    title.textContent = "Not this time";
    title.className = "big wrong";
  }
  $("reveal-answer").textContent = message.answer ? "The answer: " + message.answer : "";
  $("reveal-rank").textContent = message.rank
    ? "You are " + ordinal(message.rank) + " of " + message.players
    : "";
  if (message.score !== undefined) $("score").textContent = message.score + " points";
  show("reveal");
}

function showPodium(message) {
  clearInterval(countdown);
  finished = true;
  localStorage.removeItem(TOKEN_KEY); // a reload after the game starts a new one
  if (message.score !== undefined) $("score").textContent = message.score + " points";
  if (message.place) {
    $("podium-title").textContent = "You finished " + ordinal(message.place) +
      " of " + message.players;
    $("podium-score").textContent = message.score + " points";
  } else {
    $("podium-title").textContent = "The game is over";
    $("podium-score").textContent = "";
  }
  show("podium");
}

$("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = $("name").value.trim();
  if (name.length < 1 || name.length > 24) {
    $("join-error").textContent = "Names are 1–24 characters.";
    return;
  }
  $("join-error").textContent = "";
  $("join-button").disabled = true;
  nameToSend = name;
  refused = false;
  if (!socket) connect();
});

if (!code) {
  status("This link has no game code: scan the code on the big screen.");
  $("join-button").disabled = true;
} else if (localStorage.getItem(TOKEN_KEY)) {
  show("wait");
  $("wait-title").textContent = "Reconnecting…";
  $("wait-text").textContent = "";
  connect();
}
