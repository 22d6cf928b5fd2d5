// Control: runs statements in source order (blocks, branches, loops, try, switch) in nested scopes, and
// tells Guards where guarded branches begin and end. Values come from the expression stage and names
// from the binding stage; statements never match sinks or touch hits.
import ts = require('typescript');
import type { Branches } from './branches';
import type { Budget } from './budget';
import type { Classifier } from './classify';
import { exits, type Guards } from './guards';
import { Scope } from './scope';
import { elementOf } from './shapes';
import type { BindingStage, ExpressionStage, FileContext, FunctionStage, Stages, StatementStage, WriteStage } from './stages';
import { isAmbient } from './syntax';
import { EMPTY } from './values';

export class Statements implements StatementStage {
  private readonly cls: Classifier;
  private expressions!: ExpressionStage;
  private binding!: BindingStage;
  private writes!: WriteStage;
  private functions!: FunctionStage;

  constructor(fc: FileContext, private readonly budget: Budget, private readonly guards: Guards, private readonly branches: Branches) {
    this.cls = fc.cls;
  }

  wire(s: Stages): void {
    this.expressions = s.expressions;
    this.binding = s.binding;
    this.writes = s.writes;
    this.functions = s.functions;
  }

  execBlock(statements: readonly ts.Statement[], scope: Scope): void {
    this.binding.hoist(statements, scope);
    const mark = this.guards.mark();
    const at = this.branches.position();
    for (const s of statements) {
      this.exec(s, scope);
      // `if (navigator.globalPrivacyControl) return;`: the rest of the block runs only after the check.
      this.guards.after(s);
      this.branches.after(s, scope);
    }
    this.guards.restore(mark);
    this.branches.restore(at);
  }

  exec(node: ts.Statement, scope: Scope): void {
    const budget = this.budget;
    if (!budget.enter()) return;
    try {
      this.execInner(node, scope);
    } finally {
      budget.depth--;
    }
  }

  visitChildren(node: ts.Node, scope: Scope): void {
    ts.forEachChild(node, (child) => {
      if (ts.isTypeNode(child)) return;
      if (ts.isBlock(child) || ts.isStatement(child)) this.exec(child as ts.Statement, scope);
      else if (ts.isExpression(child)) this.expressions.eval(child as ts.Expression, scope);
      else this.visitChildren(child, scope);
    });
  }

  private execInner(node: ts.Statement, scope: Scope): void {
    switch (node.kind) {
      case ts.SyntaxKind.VariableStatement: {
        if (isAmbient(node)) return;
        this.execDeclarationList((node as ts.VariableStatement).declarationList, scope);
        return;
      }
      case ts.SyntaxKind.ExpressionStatement:
        this.expressions.eval((node as ts.ExpressionStatement).expression, scope);
        return;
      case ts.SyntaxKind.IfStatement: {
        const n = node as ts.IfStatement;
        this.expressions.eval(n.expression, scope);
        const outer = this.guards.enter(n.expression);
        // `if (author.kind === 'customer')`: each branch sees the members of a discriminated union that fit;
        // a helper's parameter compared with a literal (`method === 'GET'`) keys the edges made in each branch.
        const narrowed = this.binding.narrow(n.expression, scope);
        const branches = this.branches;
        let at = branches.enter(n.expression, scope, true);
        this.execNested(n.thenStatement, narrowed?.yes ?? scope);
        branches.restore(at);
        if (n.elseStatement) {
          at = branches.enter(n.expression, scope, false);
          this.execNested(n.elseStatement, narrowed?.no ?? scope);
          branches.restore(at);
        }
        this.guards.restore(outer);
        return;
      }
      case ts.SyntaxKind.Block:
        this.execBlock((node as ts.Block).statements, new Scope(scope, scope.ctx));
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const e = (node as ts.ReturnStatement).expression;
        if (e) scope.ctx.returns.push(this.branches.mark(this.expressions.eval(e, scope)));
        return;
      }
      case ts.SyntaxKind.ThrowStatement:
        this.expressions.eval((node as ts.ThrowStatement).expression, scope);
        return;
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement: {
        const n = node as ts.ForOfStatement | ts.ForInStatement;
        const inner = new Scope(scope, scope.ctx);
        const iterable = this.expressions.eval(n.expression, scope);
        const element = ts.isForOfStatement(n) ? elementOf(iterable) : EMPTY;
        if (ts.isVariableDeclarationList(n.initializer)) {
          for (const d of n.initializer.declarations) this.binding.bindName(d.name, element, inner, 'let', d.type);
        } else {
          this.writes.assign(n.initializer, element, inner, n.initializer);
        }
        this.execNested(n.statement, inner);
        return;
      }
      case ts.SyntaxKind.ForStatement: {
        const n = node as ts.ForStatement;
        const inner = new Scope(scope, scope.ctx);
        if (n.initializer) {
          if (ts.isVariableDeclarationList(n.initializer)) this.execDeclarationList(n.initializer, inner);
          else this.expressions.eval(n.initializer, inner);
        }
        if (n.condition) this.expressions.eval(n.condition, inner);
        if (n.incrementor) this.expressions.eval(n.incrementor, inner);
        this.execNested(n.statement, inner);
        return;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement: {
        const n = node as ts.WhileStatement | ts.DoStatement;
        this.expressions.eval(n.expression, scope);
        this.execNested(n.statement, scope);
        return;
      }
      case ts.SyntaxKind.SwitchStatement: {
        const n = node as ts.SwitchStatement;
        this.expressions.eval(n.expression, scope);
        const inner = new Scope(scope, scope.ctx);
        const all = n.caseBlock.clauses.flatMap((c) => c.statements);
        this.binding.hoist(all, inner);
        // `case 'customer':` on a discriminated union's tag: the clause sees the members that fit (with the
        // empty clauses that fall through into it). `case 'GET': …; break;` on a helper's parameter runs when the
        // parameter is that literal: the clause's edges are keyed by it (only a clause nothing falls into).
        let tags: string[] = [];
        let entered = true; // whether the clause before left the switch (nothing falls into the next one)
        for (const c of n.caseBlock.clauses) {
          if (ts.isCaseClause(c)) this.expressions.eval(c.expression, inner);
          if (ts.isCaseClause(c) && ts.isStringLiteralLike(c.expression)) tags.push(c.expression.text);
          else tags = [];
          if (!c.statements.length) {
            entered = false;
            continue;
          }
          const clause = tags.length ? this.binding.narrowCase(n.expression, tags, inner) ?? inner : inner;
          tags = [];
          const lit = ts.isCaseClause(c) && entered && ts.isStringLiteralLike(c.expression) ? c.expression.text : undefined;
          const at = lit !== undefined ? this.branches.enterCase(n.expression, lit, clause) : this.branches.position();
          for (const s of c.statements) this.exec(s, clause);
          this.branches.restore(at);
          entered = exits(c.statements[c.statements.length - 1]);
        }
        return;
      }
      case ts.SyntaxKind.TryStatement: {
        const n = node as ts.TryStatement;
        this.exec(n.tryBlock, scope);
        if (n.catchClause) {
          const inner = new Scope(scope, scope.ctx);
          if (n.catchClause.variableDeclaration) this.binding.bindName(n.catchClause.variableDeclaration.name, EMPTY, inner, 'let');
          this.exec(n.catchClause.block, inner);
        }
        if (n.finallyBlock) this.exec(n.finallyBlock, scope);
        return;
      }
      case ts.SyntaxKind.LabeledStatement:
        this.execNested((node as ts.LabeledStatement).statement, scope);
        return;
      case ts.SyntaxKind.ClassDeclaration: {
        const n = node as ts.ClassDeclaration;
        const v = this.functions.classValue(n, scope);
        if (n.name) scope.vars.set(n.name.text, { value: v, kind: 'class' });
        return;
      }
      case ts.SyntaxKind.ExportAssignment:
        this.binding.exportDefault(scope, this.expressions.eval((node as ts.ExportAssignment).expression, scope));
        return;
      case ts.SyntaxKind.ModuleDeclaration: {
        const n = node as ts.ModuleDeclaration;
        if (isAmbient(n) || !n.body) return;
        if (ts.isModuleBlock(n.body)) this.execBlock(n.body.statements, new Scope(scope, scope.ctx));
        else if (ts.isModuleDeclaration(n.body)) this.exec(n.body, scope);
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return;
      default:
        this.visitChildren(node, scope);
    }
  }

  /** A branch or loop body: a statement that is not a block gets a scope of its own. */
  private execNested(node: ts.Statement, scope: Scope): void {
    if (ts.isBlock(node)) this.exec(node, scope);
    else {
      const inner = new Scope(scope, scope.ctx);
      this.binding.hoist([node], inner);
      this.exec(node, inner);
    }
  }

  private execDeclarationList(list: ts.VariableDeclarationList, scope: Scope): void {
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const person = ts.isIdentifier(d.name) && this.cls.isPerson(d.name.text);
      const init = d.initializer ? this.expressions.eval(d.initializer, scope, { person }) : EMPTY;
      this.binding.bindName(d.name, init, scope, isConst ? 'const' : 'let', d.type);
    }
  }
}
